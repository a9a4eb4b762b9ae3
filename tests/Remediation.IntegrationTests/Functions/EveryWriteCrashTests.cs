namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Issue 12's crash cases, for every write of every remediating sample's plan: the write fails permanently once, or it
/// lands and every ledger call after it fails (its record and the claim's release are lost). The redelivery completes
/// the incident without repeating a write that landed, one message reports the containment, and rollback restores the
/// exact prior state. The writes are found from a clean run's call log, so a plan that grows a write is covered too.
/// </summary>
[Collection(LocalAwsRedeliveriesCollection.Name)]
public sealed class EveryWriteCrashTests(LocalAwsFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const int ClaimTimeoutSeconds = 4; // the invocation budget is then 2 s, ample for one in-process attempt
    private const int MaxDeliveries = 5; // the faulted one, one refused while the lost claim lasts, and retries
    private static readonly (string, string)[] Env = [("REMEDIATION_MODE", "enforce"), ("CLAIM_TIMEOUT_SECONDS", $"{ClaimTimeoutSeconds}")];

    // The clean run only finds the writes; it must finish in one attempt, so it gets the default budget, not the 2 s the
    // short claim timeout leaves (a run beside the other collection once took 2.8 s: RotateKeys' unused-credentials sweep).
    private static readonly (string, string)[] CleanEnv = [("REMEDIATION_MODE", "enforce")];
    private static readonly string[] ReadPrefixes = ["Get", "List", "Describe", "Head"];
    private static readonly string[] Bookkeeping = ["dynamodb", "sns", "sts"];

    // A permanent (non-retryable) error per service, as each documents for a bad request.
    private static readonly Dictionary<string, (string Code, int Status)> PermanentErrors = new(StringComparer.Ordinal)
    {
        ["iam"] = ("InvalidInput", 400),
        ["s3"] = ("InvalidRequest", 400),
        ["sagemaker"] = ("ValidationException", 400),
        ["kms"] = ("KMSInvalidStateException", 400),
        ["ssm"] = ("ValidationException", 400),
    };

    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    public enum Crash
    {
        WriteFails,
        RecordLost,
    }

    public static TheoryData<string, string, Crash> Plans()
    {
        var data = new TheoryData<string, string, Crash>();
        foreach (var (function, e) in new[]
        {
            ("RevokeIamPermissions", "guardduty/anomalous-behavior-iam-user.json"),
            ("RevokeIamPermissions", "guardduty/credential-exfiltration-outside-aws.json"),
            ("RevokeIamPermissions", "cloudtrail/iam-attach-user-policy-admin.json"),
            ("RevokeIamPermissions", "cloudtrail/iam-add-user-to-admin-group.json"),
            ("RevokeIamPermissions", "cloudtrail/iam-put-user-policy-wildcard.json"),
            ("RevokeIamPermissions", "cloudtrail/iam-create-policy-version-admin.json"),
            ("RevokeIamPermissions", "cloudtrail/iam-put-role-policy-wildcard.json"),
            ("RevokeIamPermissions", "cloudtrail/iam-create-access-key-other-user.json"),
            ("QuarantineS3Object", "guardduty/malware-object-scan-threats-found.json"),
            ("StopTrainingJob", "cloudtrail/sagemaker-create-training-job-untrusted.json"),
            ("StopTrainingJob", "guardduty/sagemaker-exec-role-anomalous-exfiltration.json"),
            ("StopTrainingJob", "config/sagemaker-notebook-direct-internet-noncompliant.json"),
            ("RotateKeys", "cloudtrail/kms-disable-key-rotation.json"),
            ("RotateKeys", "cloudtrail/kms-schedule-key-deletion.json"),
            ("RotateKeys", "cloudtrail/kms-disable-key.json"),
            ("RotateKeys", "health/credentials-exposed-opted-in.json"),
            ("RotateKeys", "health/credentials-exposed-not-opted-in.json"),
            ("RotateKeys", "config/iam-user-unused-credentials-noncompliant.json"),
        })
        {
            data.Add(function, e, Crash.WriteFails);
            data.Add(function, e, Crash.RecordLost);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public async Task Each_write_crashing_once_is_completed_by_the_redelivery_without_repeats_and_rolls_back_exactly(string function, string eventFile, Crash crash)
    {
        var eventJson = await harness.EventTextAsync(eventFile);
        var clean = await CleanRunAsync(function, eventJson);
        var writes = clean.Select((c, i) => (Call: c, Index: i)).Where(x => IsWrite(x.Call)).ToList();
        Assert.NotEmpty(writes);

        foreach (var (write, index) in writes)
        {
            var before = await ResetAndSnapshotAsync();
            await fixture.SetFaultsAsync(crash == Crash.WriteFails ? WriteFault(clean, index) : LedgerLossAfter(clean, index));
            var first = await harness.InvokeAsync(function, eventJson, Env);
            await fixture.ClearFaultsAsync();
            var label = $"{eventFile}: {crash} at {write.Service} {write.Operation} (call {index})";
            Assert.True(first.Outcome == IncidentOutcome.Failed, $"{label}: the faulted attempt ended {first.Outcome}: {first.Result}");

            var (last, deliveries) = await harness.DeliverUntilContainedAsync(function, eventJson, Env, MaxDeliveries, TimeSpan.FromSeconds(ClaimTimeoutSeconds), first);
            Assert.True(last.Outcome == IncidentOutcome.Remediated, $"{label}: not contained after {deliveries} deliveries: {last.Result}{last.Logs}");

            var calls = WorldSnapshot.WithoutCompensatedCreates(await harness.CallsAsync());
            var repeated = calls.Where(IsWrite).GroupBy(Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(repeated.Count == 0, $"{label}: repeated writes: " + string.Join("; ", repeated));
            Assert.True(calls.Count(IsWrite) == writes.Count, $"{label}: {calls.Count(IsWrite)} writes landed ({string.Join(", ", calls.Where(IsWrite).Select(c => c.Operation))}), a clean run makes {writes.Count}: {last.Result}");
            Assert.Single(await harness.PublishedAsync(), m => m.Attributes["outcome"] == IncidentOutcome.Remediated.Word());

            var incidentId = last.Result.GetProperty("incidentId").GetString()!;
            var rolledBack = await harness.Rollback().RollbackAsync(incidentId, CancellationToken.None);
            Assert.True(rolledBack.State == IncidentState.RolledBack, $"{label}: rollback ended {rolledBack.State}");
            var after = WorldSnapshot.WithoutRetiredNewKeys(before, await WorldSnapshot.TakeAsync(harness));
            Assert.True(before == after, $"{label}: rollback did not restore the prior state:\n{before}\n---\n{after}");
            output.WriteLine($"{label}: contained in {deliveries} deliveries, rolled back");
        }
    }

    private async Task<IReadOnlyList<RecordedCall>> CleanRunAsync(string function, string eventJson)
    {
        await harness.ResetAsync();
        var clean = await harness.InvokeAsync(function, eventJson, CleanEnv);
        Assert.True(clean.Outcome == IncidentOutcome.Remediated, clean.Result.ToString() + clean.Logs);
        return await harness.CallsAsync();
    }

    private async Task<string> ResetAndSnapshotAsync()
    {
        await harness.ResetAsync();
        var before = await WorldSnapshot.TakeAsync(harness);
        await fixture.ClearCallsAsync();
        return before;
    }

    private static bool IsWrite(RecordedCall c) =>
        !Bookkeeping.Contains(c.Service) && c.Status < 300 && !ReadPrefixes.Any(p => c.Operation.StartsWith(p, StringComparison.Ordinal));

    private static string Key(RecordedCall c) => $"{c.Service} {c.Operation} {c.Path} {c.CopySource} {c.Parameters.GetRawText()}";

    /// <summary>The write at <paramref name="index"/> fails once with its service's permanent error; calls before it pass.</summary>
    private static string WriteFault(IReadOnlyList<RecordedCall> clean, int index)
    {
        var write = clean[index];
        var (code, status) = PermanentErrors[write.Service];
        var skip = clean.Take(index).Count(c => c.Service == write.Service && c.Operation == write.Operation);
        return JsonSerializer.Serialize(new { faults = new[] { new { service = write.Service, operation = write.Operation, error = code, status, skip, count = 1 } } });
    }

    /// <summary>The write at <paramref name="index"/> lands; the next two ledger calls (its record, the release) fail.</summary>
    private static string LedgerLossAfter(IReadOnlyList<RecordedCall> clean, int index)
    {
        var skip = clean.Take(index).Count(c => c.Service == "dynamodb");
        return JsonSerializer.Serialize(new { faults = new[] { new { service = "dynamodb", operation = "*", error = "ValidationException", status = 400, skip, count = 2 } } });
    }
}
