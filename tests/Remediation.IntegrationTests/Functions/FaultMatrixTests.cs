namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Issue 12's proof: every IAM-remediating sample event in enforce mode, under seeded throttling (30%, and a 60% storm)
/// and 5xx (10%) on IAM, DynamoDB and SNS, redelivered like Lambda until it stops failing. Then no write was made twice, one message
/// reports the containment, the ledger holds an undo for every write, and rollback restores the exact prior state.
/// </summary>
[Collection(LocalAwsRedeliveriesCollection.Name)]
public sealed class FaultMatrixTests(LocalAwsFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string Function = "RevokeIamPermissions";
    private const int MaxDeliveries = 10;
    private static readonly (string, string)[] Env = [("REMEDIATION_MODE", "enforce"), ("CLAIM_TIMEOUT_SECONDS", "30")];
    private static readonly string[] Users = ["data-scientist-bob", "intern-sam", "etl-service-user"];
    private static readonly string[] Roles = ["ml-training-ec2-role", "sagemaker-exec", "security-admin"];

    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    public static TheoryData<string, int, double> Runs()
    {
        var data = new TheoryData<string, int, double>();
        foreach (var e in new[]
        {
            "guardduty/anomalous-behavior-iam-user.json",
            "guardduty/credential-exfiltration-outside-aws.json",
            "cloudtrail/iam-attach-user-policy-admin.json",
            "cloudtrail/iam-add-user-to-admin-group.json",
            "cloudtrail/iam-put-user-policy-wildcard.json",
            "cloudtrail/iam-create-policy-version-admin.json",
            "cloudtrail/iam-put-role-policy-wildcard.json",
            "cloudtrail/iam-create-access-key-other-user.json",
        })
        {
            foreach (var seed in new[] { 1, 2, 3 })
            {
                data.Add(e, seed, 0.3);
            }
        }
        // A storm: 60% throttling exhausts the client's five attempts often enough that deliveries fail and are retried.
        // (Each storm run takes about a minute of backoff; two keep the suite's time in bounds.)
        data.Add("cloudtrail/iam-attach-user-policy-admin.json", 5, 0.6);
        data.Add("guardduty/anomalous-behavior-iam-user.json", 5, 0.6);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Under_throttling_and_5xx_the_incident_converges_without_repeats_and_rolls_back_exactly(string eventFile, int seed, double throttling)
    {
        await harness.ResetAsync();
        var before = await IamSnapshot.TakeAsync(harness.Aws.Iam, Users, Roles);
        var eventJson = await harness.EventTextAsync(eventFile);
        await fixture.SetFaultsAsync(Faults(seed, throttling));

        var (last, deliveries) = await harness.DeliverUntilContainedAsync(Function, eventJson, Env, MaxDeliveries, TimeSpan.FromSeconds(30));
        await fixture.ClearFaultsAsync();
        var calls = await harness.CallsAsync();
        output.WriteLine($"{eventFile} seed {seed} throttling {throttling}: {deliveries} deliveries, {calls.Count(c => c.Status >= 400)} faults in {calls.Count} calls");
        Assert.True(last.Outcome == IncidentOutcome.Remediated, $"not contained after {deliveries} deliveries: {last.Result}");

        var repeated = calls.Where(c => c.Service == "iam" && c.Status == 200 && IsWrite(c.Operation))
            .GroupBy(c => c.Operation + " " + c.Parameters.GetRawText()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "repeated writes: " + string.Join("; ", repeated));
        var published = await harness.PublishedAsync();
        Assert.Single(published, m => m.Attributes["outcome"] == IncidentOutcome.Remediated.Word());

        var incidentId = last.Result.GetProperty("incidentId").GetString()!;
        var record = (await harness.Ledger().GetAsync(incidentId, CancellationToken.None))!;
        Assert.Equal(IncidentState.Notified, record.State);
        var iamWrites = calls.Count(c => c.Service == "iam" && c.Status == 200 && IsWrite(c.Operation));
        Assert.Equal(iamWrites, record.Actions.Count(a => a.Status == ActionStatus.Done && a.Inverse is not null));

        var rolledBack = await harness.Rollback().RollbackAsync(incidentId, CancellationToken.None);
        Assert.Equal(IncidentState.RolledBack, rolledBack.State);
        Assert.Equal(before.ToString(), (await IamSnapshot.TakeAsync(harness.Aws.Iam, Users, Roles)).ToString());
    }

    private static bool IsWrite(string operation) =>
        !operation.StartsWith("Get", StringComparison.Ordinal) && !operation.StartsWith("List", StringComparison.Ordinal);

    private static string Faults(int seed, double throttling) => JsonSerializer.Serialize(new
    {
        faults = new object[]
        {
            new { service = "iam", error = "Throttling", status = 400, count = 100_000, rate = throttling, seed },
            new { service = "iam", error = "ServiceFailure", status = 500, count = 100_000, rate = 0.1 },
            new { service = "dynamodb", error = "ThrottlingException", status = 400, count = 100_000, rate = throttling },
            new { service = "dynamodb", error = "InternalServerError", status = 500, count = 100_000, rate = 0.1 },
            new { service = "sns", error = "Throttling", status = 400, count = 100_000, rate = throttling },
            new { service = "sns", error = "InternalError", status = 500, count = 100_000, rate = 0.1 },
        },
    });
}
