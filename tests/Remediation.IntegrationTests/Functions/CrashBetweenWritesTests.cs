using Remediation.Core.Ledger;
using Remediation.Core.Pipeline;
using Remediation.IntegrationTests.LocalAws;
using Remediation.Core.Actions;

namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Issue 12.1 and 12.2 against the emulation: an IAM write lands, then the ledger is lost for the rest of the attempt
/// (both the progress save and the "attempt failed" release), so the only record left is what was saved before the
/// write. The redelivery, after the claim times out, must not write again and rollback must restore the exact prior
/// state.
/// </summary>
[Collection("LocalAws")]
public sealed class CrashBetweenWritesTests(LocalAwsFixture fixture) : IDisposable
{
    private const string Function = "RevokeIamPermissions";
    private static readonly (string, string)[] Env = [("REMEDIATION_MODE", "enforce"), ("CLAIM_TIMEOUT_SECONDS", "6")];
    private static readonly string[] Users = ["data-scientist-bob", "intern-sam", "etl-service-user"];
    private static readonly string[] Roles = ["ml-training-ec2-role", "sagemaker-exec", "security-admin"];

    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    public static TheoryData<string, string> Crashes => new()
    {
        { "guardduty/credential-exfiltration-outside-aws.json", "PutRolePolicy" },   // session revocation (12.2)
        { "guardduty/anomalous-behavior-iam-user.json", "AttachUserPolicy" },        // deny-all, first of two writes
        { "guardduty/anomalous-behavior-iam-user.json", "UpdateAccessKey" },         // key, second of two writes
        { "cloudtrail/iam-attach-user-policy-admin.json", "DetachUserPolicy" },      // escalation undone, then the actor
    };

    [Theory]
    [MemberData(nameof(Crashes))]
    public async Task A_write_whose_ledger_record_is_lost_is_not_repeated_and_rolls_back_exactly(string eventFile, string crashAfter)
    {
        var eventJson = await harness.EventTextAsync(eventFile);
        var ledgerCallsBeforeWrite = await LedgerCallsBeforeAsync(eventJson, crashAfter);

        await harness.ResetAsync();
        var before = await IamSnapshot.TakeAsync(harness.Aws.Iam, Users, Roles);
        // The two ledger calls after the write fail (not retried by the SDK: a 400): the progress save and the release, so
        // the attempt can neither record the write nor release its claim; only what was saved before the write is left.
        await fixture.SetFaultsAsync($$"""
            {"faults":[{"service":"dynamodb","operation":"*","error":"ValidationException","status":400,"skip":{{ledgerCallsBeforeWrite}},"count":2}]}
            """);
        var first = await harness.InvokeAsync(Function, eventJson, Env);
        Assert.Equal(Outcomes.Failed, first.Outcome);
        Assert.Contains(crashAfter, await IamWritesAsync());
        await fixture.ClearFaultsAsync();

        await Task.Delay(TimeSpan.FromSeconds(6.1)); // past CLAIM_TIMEOUT_SECONDS: the redelivery takes the incident over
        var retry = await harness.InvokeAsync(Function, eventJson, Env);

        Assert.True(retry.Outcome == Outcomes.Remediated, retry.Result.ToString() + retry.Logs);
        var writes = await IamWritesAsync();
        Assert.True(writes.Count == writes.Distinct().Count(), "a write was repeated: " + string.Join(", ", writes));
        Assert.Single(await harness.PublishedAsync());
        var incidentId = retry.Result.GetProperty("incidentId").GetString()!;
        var record = (await harness.Ledger().GetAsync(incidentId, CancellationToken.None))!;
        Assert.All(record.Actions.Where(a => a.Status == ActionStatuses.Done), a => Assert.NotNull(a.Inverse));

        var rolledBack = await new RollbackRunner(harness.Ledger(), new PlanExecutor(ActionCatalog.All(harness.Aws, TimeProvider.System)), TimeProvider.System)
            .RollbackAsync(incidentId, CancellationToken.None);
        Assert.Equal(IncidentState.RolledBack, rolledBack.State);
        Assert.Equal(before.ToString(), (await IamSnapshot.TakeAsync(harness.Aws.Iam, Users, Roles)).ToString());
    }

    /// <summary>How many ledger calls a clean run makes before the given write (claim, breaker, records so far).</summary>
    private async Task<int> LedgerCallsBeforeAsync(string eventJson, string write)
    {
        await harness.ResetAsync();
        var clean = await harness.InvokeAsync(Function, eventJson, Env);
        Assert.True(clean.Outcome == Outcomes.Remediated, clean.Result.ToString() + clean.Logs);
        var calls = await harness.CallsAsync();
        var at = calls.ToList().FindIndex(c => c.Service == "iam" && c.Operation == write);
        Assert.True(at >= 0, $"a clean run makes no {write}");
        return calls.Take(at).Count(c => c.Service == "dynamodb");
    }

    private async Task<IReadOnlyList<string>> IamWritesAsync() =>
        [.. (await harness.CallsAsync("iam"))
            .Where(c => c.Status == 200 && !c.Operation.StartsWith("Get", StringComparison.Ordinal) && !c.Operation.StartsWith("List", StringComparison.Ordinal))
            .Select(c => c.Operation)];
}
