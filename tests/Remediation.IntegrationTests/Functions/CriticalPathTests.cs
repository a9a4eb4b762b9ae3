namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Issue 13.1, measured: how many steps (AWS round trips waited for one after another; concurrent calls are one step,
/// docs/architecture.md §steps) and calls each function's main path makes before the write that stops the damage,
/// from the emulation's call log of a clean enforce run. The goal is 2 steps; every function's count is held as a
/// ceiling, so a change can only lower it (each lowering updates its number here and the README's table). The steps of
/// the whole invocation, through the notification and the record that it was sent, are held the same way: they are
/// what a warm event costs end to end.
/// </summary>
[Collection("LocalAws")]
public sealed class CriticalPathTests(LocalAwsFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    [Theory]
    // The user's key is read beside the other reads (IPlaybook.Anticipate): one call more before the deny-all, one step
    // fewer after it.
    [InlineData("RevokeIamPermissions", "guardduty/anomalous-behavior-iam-user.json", "iam AttachUserPolicy|iam UpdateAccessKey", 2, 8, 6)]
    [InlineData("RevokeIamPermissions", "guardduty/credential-exfiltration-outside-aws.json#first", "iam PutRolePolicy", 2, 7, 6)]
    // The same sample as GuardDuty sends it (service.count 3): an update of a published finding claims before reading
    // (Finding.Republished), one step more when it is new to us after all.
    [InlineData("RevokeIamPermissions", "guardduty/credential-exfiltration-outside-aws.json", "iam PutRolePolicy", 3, 7, 7)]
    [InlineData("StopTrainingJob", "cloudtrail/sagemaker-create-training-job-untrusted.json", "sagemaker StopTrainingJob", 2, 5, 7)]
    [InlineData("QuarantineS3Object", "guardduty/malware-object-scan-threats-found.json", "s3 CopyObject", 4, 25, 25)]
    [InlineData("RotateKeys", "health/credentials-exposed-not-opted-in.json", "iam UpdateAccessKey", 3, 9, 7)]
    [InlineData("IsolateInstance", "guardduty/ec2-cryptocurrency-bitcoin-dns.json", "ec2 ModifyNetworkInterfaceAttribute", 13, 16, 35)]
    public async Task Steps_and_calls_before_the_containing_write_stay_within_todays_count(string function, string eventFile, string containingWrite,
        int maxSteps, int maxCalls, int maxInvocationSteps)
    {
        await harness.ResetAsync();
        // Every answer takes 60 ms, as a real AWS round trip takes tens of milliseconds: calls made concurrently then
        // overlap in the log however long the client takes to issue them, and the steps are the client's, not the
        // emulation's.
        await fixture.SetFaultsAsync("""{"faults": [{"service": "*", "latencyMs": 60, "count": 100000}]}""");
        var invocation = await harness.InvokeAsync(function, await EventAsync(eventFile), ("REMEDIATION_MODE", "enforce"));
        Assert.True(invocation.Outcome == IncidentOutcome.Remediated, invocation.Result.ToString());
        var calls = await harness.CallsAsync();
        // Writes made together are alternatives: whichever reaches AWS first is the containing one.
        var writes = containingWrite.Split('|');
        var at = calls.ToList().FindIndex(c => writes.Contains($"{c.Service} {c.Operation}") && c.Status < 300);
        Assert.True(at >= 0, $"{function} made no {containingWrite}");
        var write = calls[at];
        var before = calls.Where(c => c.Time < write.Time && c != write).OrderBy(c => c.Time).ToList();
        var steps = CriticalPath.Steps(before);
        output.WriteLine($"{function} {eventFile}: {steps} steps, {before.Count} calls before {containingWrite}:");
        foreach (var c in before)
        {
            output.WriteLine($"  {(c.Time - before[0].Time).TotalMilliseconds,7:F1} .. {(c.Ended - before[0].Time).TotalMilliseconds,7:F1} ms  {c.Service} {c.Operation}");
        }
        Assert.True(steps <= maxSteps, $"{steps} steps before {containingWrite} (ceiling {maxSteps}): {string.Join(", ", before.Select(c => c.Operation))}");
        Assert.True(before.Count <= maxCalls, $"{before.Count} calls before {containingWrite} (ceiling {maxCalls}): {string.Join(", ", before.Select(c => c.Operation))}");
        var all = CriticalPath.Steps(calls);
        output.WriteLine($"{all} steps in the whole invocation: {string.Join(", ", calls.OrderBy(c => c.Time).Select(c => c.Operation))}");
        Assert.True(all <= maxInvocationSteps, $"{all} steps in the whole invocation (ceiling {maxInvocationSteps})");
    }

    /// <summary>The sample; with "#first", as GuardDuty's first publication of the finding (service.count 1).</summary>
    private async Task<string> EventAsync(string name)
    {
        var file = name.Split('#')[0];
        var text = await harness.EventTextAsync(file);
        if (!name.EndsWith("#first", StringComparison.Ordinal))
        {
            return text;
        }
        var evt = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        evt["detail"]!["service"]!["count"] = 1;
        return evt.ToJsonString();
    }
}
