namespace Remediation.Tests.Pipeline;

/// <summary>
/// Issue 12.1: a write that lands while its own ledger record is lost must stay undoable. The executor records the
/// intent (before-state and inverse) before the write; the retry that finds the state already changed keeps that intent
/// instead of recording "nothing changed" with no inverse.
/// </summary>
public sealed class IntentBeforeWriteTests : IDisposable
{
    private const string Kind = "test:SetKeyStatus";
    private const string KeyArn = "arn:aws:iam::123456789012:user/etl/key";

    private readonly PipelineBench bench = new();
    private readonly KeyStatusHandler handler = new();

    public void Dispose() => bench.Dispose();

    private IncidentPipeline Pipeline() => bench.Pipeline(
        new FixedPlaybook(PlannedAction.Create(Kind, KeyArn, "deactivate the named key", ("Status", "Inactive"))), [handler]);

    [Fact]
    public async Task A_write_whose_record_and_release_are_both_lost_is_still_rolled_back()
    {
        // Put 1 claims, put 2 records the intent; the write lands; puts 3 (progress) and 4 (release as failed) are lost.
        bench.Store.FailingPuts.UnionWith([3, 4]);
        await Assert.ThrowsAsync<HttpRequestException>(() => bench.RunAsync(Pipeline(), TestFindings.GuardDuty()));
        Assert.Equal("Inactive", handler.Status);
        var cut = Assert.Single(Assert.Single(await bench.Store.ListAsync(default)).Actions);
        Assert.Equal(ActionStatus.Started, cut.Status);

        bench.Time.Advance(TimeSpan.FromSeconds(901)); // past the claim timeout: the redelivery takes over
        var result = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(1, handler.Writes);
        var record = await bench.Store.GetAsync(result.Report.IncidentId, default);
        var kept = Assert.Single(record!.Actions);
        Assert.Equal(ActionStatus.Done, kept.Status);
        Assert.Equal("Active", kept.Before);
        Assert.NotNull(kept.Inverse);
        Assert.Contains("earlier attempt", kept.Detail, StringComparison.Ordinal);

        var rollback = await new RollbackRunner(new IncidentLedger(bench.Store, TestSettings.Enforce(), bench.Time), new PlanExecutor([handler]), bench.Time)
            .RollbackAsync(record.IncidentId, default);
        Assert.Equal(IncidentState.RolledBack, rollback.State);
        Assert.Equal("Active", handler.Status);
    }

    [Fact]
    public async Task A_write_that_never_happened_after_its_intent_is_made_once_and_rolled_back_once()
    {
        handler.FailNextWrite = true; // the intent is recorded, then the write itself fails
        await Assert.ThrowsAsync<RemediationFailedException>(() => bench.RunAsync(Pipeline(), TestFindings.GuardDuty()));
        Assert.Equal("Active", handler.Status);

        bench.Time.Advance(TimeSpan.FromSeconds(60));
        var result = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Equal(1, handler.Writes);
        var kept = Assert.Single((await bench.Store.GetAsync(result.Report.IncidentId, default))!.Actions);
        Assert.Equal(("Active", "ok: Active -> Inactive"), (kept.Before, kept.Detail));
    }

    [Fact]
    public async Task No_intent_is_recorded_when_there_is_nothing_to_write()
    {
        handler.Status = "Inactive";
        var result = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(0, handler.Writes);
        var kept = Assert.Single((await bench.Store.GetAsync(result.Report.IncidentId, default))!.Actions);
        Assert.Equal(ActionStatus.Done, kept.Status);
        Assert.Null(kept.Inverse);
    }

    [Fact]
    public async Task The_last_write_whose_intent_is_recorded_is_saved_with_the_incident_record_not_before_it()
    {
        // Without the fold, a "Claimed: Done" save stood between the write and the executed record: one step more.
        var result = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Equal(["Claimed: ", "Claimed: Started", "Executed: Done", "Notified: Done"], bench.Store.Landed);
    }

    [Fact]
    public async Task A_last_write_without_an_intent_is_saved_at_once_so_a_crash_before_the_record_keeps_it()
    {
        var plain = new RecordingHandler("test:Plain", bench.Journal);
        var pipeline = bench.Pipeline(new FixedPlaybook(PlannedAction.Create("test:Plain", KeyArn, "a write with no intent")), [plain]);
        await bench.RunAsync(pipeline, TestFindings.GuardDuty());
        Assert.Equal(["Claimed: ", "Claimed: Done", "Executed: Done", "Notified: Done"], bench.Store.Landed);
    }

    [Fact]
    public async Task When_the_incident_record_is_lost_after_the_last_write_the_release_still_names_the_write()
    {
        bench.Store.FailingPuts.Add(3); // put 3 is the executed record; put 4 releases the attempt as failed
        await Assert.ThrowsAsync<HttpRequestException>(() => bench.RunAsync(Pipeline(), TestFindings.GuardDuty()));
        var released = Assert.Single(await bench.Store.ListAsync(default));
        Assert.Equal(IncidentState.Failed, released.State);
        var kept = Assert.Single(released.Actions);
        Assert.Equal((ActionStatus.Done, "Active"), (kept.Status, kept.Before));
        Assert.NotNull(kept.Inverse);
    }

    /// <summary>One key's status in memory, read and written like IAM's UpdateAccessKey.</summary>
    private sealed class KeyStatusHandler : IIntentHandler
    {
        public string Status { get; set; } = "Active";

        public int Writes { get; private set; }

        public bool FailNextWrite { get; set; }

        string IActionHandler.Kind => Kind;

        public Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct) =>
            Task.FromResult(Status == action.Require("Status") ? null : new ActionIntent(Status, InverseOf(action, Status)));

        public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
        {
            var wanted = action.Require("Status");
            if (Status == wanted)
            {
                return Task.FromResult(ActionResult.Done(action, "already " + wanted + "; nothing changed", Status, null));
            }
            if (FailNextWrite)
            {
                FailNextWrite = false;
                throw new Core.Aws.AwsServiceException("iam", "ServiceFailure", "try again", 500, null);
            }
            var before = Status;
            (Status, Writes) = (wanted, Writes + 1);
            return Task.FromResult(ActionResult.Done(action, $"ok: {before} -> {wanted}", before, InverseOf(action, before)));
        }

        private static PlannedAction InverseOf(PlannedAction action, string was) =>
            PlannedAction.Create(Kind, action.Target, "rollback: back to " + was, ("Status", was));
    }
}
