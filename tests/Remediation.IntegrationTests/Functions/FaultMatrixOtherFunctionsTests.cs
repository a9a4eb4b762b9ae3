namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// The fault matrix for the functions other than RevokeIamPermissions: S3 quarantine (with its job stops), SageMaker job,
/// sweep and notebook stops, KMS key care, access-key deactivation and rotation, under seeded throttling (30%) and 5xx
/// (10%) on their services, the ledger and the topic, redelivered until they stop failing. Then no write was made twice, one message reports the containment, and rollback finishes
/// and restores IAM, every S3 object's content, KMS key state and the SSM parameters (stopped jobs cannot resume:
/// rollback reports them not reversible; a rotation's undo keeps the key it created, deactivated).
/// </summary>
[Collection("LocalAws")]
public sealed class FaultMatrixOtherFunctionsTests(LocalAwsFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const int MaxDeliveries = 10;
    private static readonly (string, string)[] Env = [("REMEDIATION_MODE", "enforce"), ("CLAIM_TIMEOUT_SECONDS", "30")];
    private static readonly string[] ReadPrefixes = ["Get", "List", "Describe", "Head"];

    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    public static TheoryData<string, string, int> Runs()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (function, e) in new[]
        {
            ("QuarantineS3Object", "guardduty/malware-object-scan-threats-found.json"),
            ("StopTrainingJob", "cloudtrail/sagemaker-create-training-job-untrusted.json"),
            ("RotateKeys", "cloudtrail/kms-disable-key-rotation.json"),
            ("StopTrainingJob", "guardduty/sagemaker-exec-role-anomalous-exfiltration.json"),
            ("StopTrainingJob", "config/sagemaker-notebook-direct-internet-noncompliant.json"),
            ("RotateKeys", "cloudtrail/kms-schedule-key-deletion.json"),
            ("RotateKeys", "cloudtrail/kms-disable-key.json"),
            ("RotateKeys", "health/credentials-exposed-opted-in.json"),
            ("RotateKeys", "health/credentials-exposed-not-opted-in.json"),
            ("RotateKeys", "config/iam-user-unused-credentials-noncompliant.json"),
        })
        {
            foreach (var seed in new[] { 1, 2, 3 })
            {
                data.Add(function, e, seed);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Under_throttling_and_5xx_the_incident_converges_without_repeats_and_rollback_finishes(string function, string eventFile, int seed)
    {
        await harness.ResetAsync();
        var before = await WorldSnapshot.TakeAsync(harness);
        var eventJson = await harness.EventTextAsync(eventFile);
        await fixture.SetFaultsAsync(Faults(seed));

        var (last, deliveries) = await harness.DeliverUntilContainedAsync(function, eventJson, Env, MaxDeliveries, TimeSpan.FromSeconds(30));
        await fixture.ClearFaultsAsync();
        var calls = WorldSnapshot.WithoutCompensatedCreates(await harness.CallsAsync());
        output.WriteLine($"{function} {eventFile} seed {seed}: {deliveries} deliveries, {calls.Count(c => c.Status >= 400)} faults in {calls.Count} calls");
        Assert.True(last.Outcome == IncidentOutcome.Remediated, $"not contained after {deliveries} deliveries: {last.Result}");

        var repeated = calls.Where(c => c.Service is not ("dynamodb" or "sns") && c.Status < 300 && !ReadPrefixes.Any(p => c.Operation.StartsWith(p, StringComparison.Ordinal)))
            .GroupBy(c => $"{c.Service} {c.Operation} {c.Path} {c.CopySource} {c.Parameters.GetRawText()}").Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "repeated writes: " + string.Join("; ", repeated));
        Assert.Single(await harness.PublishedAsync(), m => m.Attributes["outcome"] == IncidentOutcome.Remediated.Word());

        var incidentId = last.Result.GetProperty("incidentId").GetString()!;
        Assert.Equal(IncidentState.Notified, (await harness.Ledger().GetAsync(incidentId, CancellationToken.None))!.State);
        var rolledBack = await harness.Rollback().RollbackAsync(incidentId, CancellationToken.None);
        Assert.Equal(IncidentState.RolledBack, rolledBack.State);
        Assert.Equal(before, WorldSnapshot.WithoutRetiredNewKeys(before, await WorldSnapshot.TakeAsync(harness)));
    }

    private static string Faults(int seed) => JsonSerializer.Serialize(new
    {
        faults = new object[]
        {
            new { service = "s3", error = "SlowDown", status = 503, count = 100_000, rate = 0.3, seed },
            new { service = "s3", error = "InternalError", status = 500, count = 100_000, rate = 0.1 },
            new { service = "sagemaker", error = "ThrottlingException", status = 400, count = 100_000, rate = 0.3 },
            new { service = "sagemaker", error = "InternalFailure", status = 500, count = 100_000, rate = 0.1 },
            new { service = "kms", error = "ThrottlingException", status = 400, count = 100_000, rate = 0.3 },
            new { service = "kms", error = "KMSInternalException", status = 500, count = 100_000, rate = 0.1 },
            new { service = "iam", error = "Throttling", status = 400, count = 100_000, rate = 0.3 },
            new { service = "ssm", error = "ThrottlingException", status = 400, count = 100_000, rate = 0.3 },
            new { service = "dynamodb", error = "ThrottlingException", status = 400, count = 100_000, rate = 0.3 },
            new { service = "sns", error = "Throttling", status = 400, count = 100_000, rate = 0.3 },
        },
    });
}
