using Microsoft.Extensions.Time.Testing;
using Remediation.Core.Logging;
using Remediation.Core.Notifications;

namespace Remediation.Tests.Pipeline;

public sealed class IncidentPipelineTests : IDisposable
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/ml-training-ec2-role";
    private const string KeyArn = "arn:aws:iam::123456789012:user/etl/key";

    private readonly List<string> journal = [];
    private readonly FakeSns sns = new();
    private readonly InMemoryRecordStore store = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly StringWriter logs = new();
    private readonly RecordingHandler revoke;
    private readonly RecordingHandler deactivate;

    public IncidentPipelineTests()
    {
        revoke = new RecordingHandler("iam:PutRolePolicy", journal);
        deactivate = new RecordingHandler("iam:UpdateAccessKey", journal);
    }

    public void Dispose() => logs.Dispose();

    private IncidentPipeline Pipeline(FakeBreaker? breaker = null, FakeTags? tags = null, params (string, string)[] settings)
    {
        var s = TestSettings.Enforce(settings);
        var playbook = new FixedPlaybook(
            PlannedAction.Create("iam:PutRolePolicy", RoleArn, "revoke sessions"),
            PlannedAction.Create("iam:UpdateAccessKey", KeyArn, "deactivate the named key"));
        return new IncidentPipeline(new PipelineDependencies(s, playbook, [revoke, deactivate], new IncidentLedger(store, s, time),
            breaker ?? new FakeBreaker(), tags ?? new FakeTags(), new SnsNotifier(sns, s.TopicArn), time));
    }

    private Task<PipelineResult> Run(IncidentPipeline p, Finding? f = null) =>
        p.RunAsync(f ?? TestFindings.GuardDuty(), new JsonLog(logs, p.FunctionName, time), CancellationToken.None);

    [Fact]
    public async Task Enforce_writes_in_plan_order_records_and_notifies_once()
    {
        var result = await Run(Pipeline());
        Assert.Equal(["iam:PutRolePolicy " + RoleArn, "iam:UpdateAccessKey " + KeyArn], journal);
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        var published = Assert.Single(sns.Published);
        Assert.Equal("json", published.MessageStructure);
        Assert.Equal("[HIGH] Contained the thing (credential exfiltration)", published.Subject);
        var record = await store.GetAsync(result.Report.IncidentId, default);
        Assert.Equal(IncidentState.Notified, record!.State);
        Assert.Equal("msg-1", record.MessageId);
        Assert.All(record.Actions, a => Assert.NotNull(a.Inverse));
        Assert.Equal("before-" + RoleArn, record.Actions[0].Before);
    }

    [Fact]
    public async Task Every_log_line_carries_function_incident_and_finding()
    {
        var result = await Run(Pipeline());
        var lines = logs.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(l);
            Assert.Equal("TestFunction", doc.RootElement.GetProperty("function").GetString());
            Assert.Equal(result.Report.IncidentId, doc.RootElement.GetProperty("incidentId").GetString());
        });
    }

    [Fact]
    public async Task Duplicate_delivery_writes_once_and_notifies_once()
    {
        var p = Pipeline();
        var first = await Run(p);
        var second = await Run(p);
        Assert.Equal(2, journal.Count);
        Assert.Single(sns.Published);
        Assert.Equal(IncidentOutcome.Skipped, second.Report.Outcome);
        Assert.Contains("duplicate", second.Report.Reason, StringComparison.Ordinal);
        Assert.Equal(first.Report.IncidentId, second.Report.IncidentId);
        Assert.Equal(first.MessageId, second.MessageId);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_reports_the_exact_calls()
    {
        var result = await Run(Pipeline(settings: ("REMEDIATION_MODE", "dry-run")));
        Assert.Empty(journal);
        Assert.Equal(IncidentOutcome.DryRun, result.Report.Outcome);
        Assert.All(result.Report.Actions, a => Assert.Equal(ActionStatus.Planned, a.Status));
        Assert.Equal([RoleArn, KeyArn], result.Report.Actions.Select(a => a.Target));
        Assert.StartsWith("[HIGH] DRY-RUN Would contain", Assert.Single(sns.Published).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_findings_run_as_dry_run()
    {
        var result = await Run(Pipeline(), TestFindings.GuardDuty(sample: true));
        Assert.Empty(journal);
        Assert.Equal(IncidentOutcome.DryRun, result.Report.Outcome);
        Assert.Contains("sample", result.Report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denied_call_is_reported_with_no_write()
    {
        var result = await Run(Pipeline(), TestFindings.CloudTrail("AttachUserPolicy", "AccessDenied", TestFindings.User("bob")));
        Assert.Empty(journal);
        Assert.Equal(IncidentOutcome.Skipped, result.Report.Outcome);
        Assert.All(result.Report.Actions, a => Assert.Equal(ActionStatus.Skipped, a.Status));
        Assert.Single(sns.Published);
    }

    [Fact]
    public async Task Exempt_target_is_skipped_and_reported_others_proceed()
    {
        var tags = new FakeTags(new() { [KeyArn] = new() { ["remediation:exempt"] = "true" } });
        var result = await Run(Pipeline(tags: tags));
        Assert.Equal(["iam:PutRolePolicy " + RoleArn], journal);
        Assert.Equal(ActionStatus.Skipped, result.Report.Actions[1].Status);
        Assert.Contains("remediation:exempt=true", result.Report.Actions[1].Detail, StringComparison.Ordinal);
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
    }

    [Fact]
    public async Task Open_breaker_stops_all_writes_and_notifies_instead()
    {
        var result = await Run(Pipeline(new FakeBreaker(admit: false)));
        Assert.Empty(journal);
        Assert.Equal(IncidentOutcome.Skipped, result.Report.Outcome);
        Assert.Contains("breaker open", result.Report.Reason, StringComparison.Ordinal);
        Assert.Single(sns.Published);
    }

    [Fact]
    public async Task Notify_failure_fails_the_invocation_and_the_retry_only_notifies()
    {
        sns.FailuresLeft = 1;
        var p = Pipeline();
        await Assert.ThrowsAsync<Core.Aws.AwsServiceException>(() => Run(p));
        Assert.Equal(2, journal.Count);
        var retry = await Run(p);
        Assert.Equal(2, journal.Count);
        Assert.Single(sns.Published);
        Assert.Equal(IncidentOutcome.Remediated, retry.Report.Outcome);
        Assert.Equal(IncidentState.Notified, (await store.GetAsync(retry.Report.IncidentId, default))!.State);
    }

    [Fact]
    public async Task Failed_write_is_notified_retried_and_done_writes_are_not_repeated()
    {
        deactivate.FailuresLeft = 1;
        var p = Pipeline();
        var failure = await Assert.ThrowsAsync<RemediationFailedException>(() => Run(p));
        Assert.Equal(IncidentOutcome.Failed, failure.Result!.Report.Outcome);
        Assert.StartsWith("[HIGH] FAILED", sns.Published[0].Subject, StringComparison.Ordinal);
        var retry = await Run(p);
        Assert.Equal(["iam:PutRolePolicy " + RoleArn, "iam:UpdateAccessKey " + KeyArn, "iam:UpdateAccessKey " + KeyArn], journal);
        Assert.Equal(IncidentOutcome.Remediated, retry.Report.Outcome);
        Assert.Equal("before-" + RoleArn, retry.Report.Actions[0].Before);
        Assert.StartsWith("done in an earlier attempt", retry.Report.Actions[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_duplicate_loses_the_claim_and_asks_for_a_retry()
    {
        var s = TestSettings.Enforce();
        var ledger = new IncidentLedger(store, s, time);
        var finding = TestFindings.GuardDuty();
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ledger.ClaimAsync("F", finding, default))));
        Assert.Single(claims, c => c.Outcome == ClaimOutcome.Acquired);
        Assert.Equal(7, claims.Count(c => c.Outcome == ClaimOutcome.Busy));
    }

    [Fact]
    public async Task Stale_claim_is_taken_over_after_the_timeout()
    {
        var s = TestSettings.Enforce(("CLAIM_TIMEOUT_SECONDS", "60"));
        var ledger = new IncidentLedger(store, s, time);
        var finding = TestFindings.GuardDuty();
        var first = await ledger.ClaimAsync("F", finding, default);
        Assert.Equal(ClaimOutcome.Busy, (await ledger.ClaimAsync("F", finding, default)).Outcome);
        time.Advance(TimeSpan.FromSeconds(61));
        var takeover = await ledger.ClaimAsync("F", finding, default);
        Assert.Equal(ClaimOutcome.Acquired, takeover.Outcome);
        Assert.Equal(2, takeover.Record.Attempt);
        await Assert.ThrowsAsync<ClaimLostException>(() => ledger.SaveAsync(first.Record with { Outcome = IncidentOutcome.Failed }, default));
    }

    [Fact]
    public async Task Rollback_applies_inverses_newest_first_once()
    {
        var s = TestSettings.Enforce();
        var result = await Run(Pipeline());
        journal.Clear();
        var undoHandlers = new[] { new RecordingHandler("undo:iam:PutRolePolicy", journal), new RecordingHandler("undo:iam:UpdateAccessKey", journal) };
        var runner = new RollbackRunner(new IncidentLedger(store, s, time), new PlanExecutor(undoHandlers), time);
        var rolled = await runner.RollbackAsync(result.Report.IncidentId, default);
        Assert.Equal(["undo:iam:UpdateAccessKey " + KeyArn, "undo:iam:PutRolePolicy " + RoleArn], journal);
        Assert.Equal(IncidentState.RolledBack, rolled.State);
        await runner.RollbackAsync(result.Report.IncidentId, default);
        Assert.Equal(2, journal.Count);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => runner.RollbackAsync("inc-nope", default));
    }
}
