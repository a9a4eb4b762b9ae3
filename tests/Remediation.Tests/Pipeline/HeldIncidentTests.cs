namespace Remediation.Tests.Pipeline;

/// <summary>
/// Issue 12.7: an incident the breaker refuses is held, not finished: a later delivery contains it, an operator's
/// release runs it past the breaker, and only the first refusal of a window is published.
/// </summary>
public sealed class HeldIncidentTests : IDisposable
{
    private const string KeyArn = "arn:aws:iam::123456789012:user/etl/key";

    private readonly PipelineBench bench = new();
    private readonly ScriptedBreaker breaker = new();

    public void Dispose() => bench.Dispose();

    private IncidentPipeline Pipeline() => bench.Pipeline(
        new FixedPlaybook(PlannedAction.Create("iam:UpdateAccessKey", KeyArn, "deactivate the named key")),
        [new RecordingHandler("iam:UpdateAccessKey", bench.Journal)], breaker: breaker);

    [Fact]
    public async Task A_held_incident_is_contained_by_a_later_delivery_instead_of_being_dropped_as_a_duplicate()
    {
        breaker.Next.Enqueue(Refuse(announce: true));
        var held = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(IncidentOutcome.Skipped, held.Report.Outcome);
        Assert.Contains("remediate release " + held.Report.IncidentId, held.Report.Reason, StringComparison.Ordinal);
        Assert.Equal(IncidentState.Held, (await bench.Store.GetAsync(held.Report.IncidentId, default))!.State);
        Assert.Empty(bench.Journal);
        Assert.Single(bench.Sns.Published);

        bench.Time.Advance(TimeSpan.FromMinutes(20)); // after the window: e.g. GuardDuty's re-publish of the finding
        var contained = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(IncidentOutcome.Remediated, contained.Report.Outcome);
        Assert.Single(bench.Journal);
        Assert.Equal(IncidentState.Notified, (await bench.Store.GetAsync(held.Report.IncidentId, default))!.State);
    }

    [Fact]
    public async Task Only_the_first_refusal_of_a_window_is_published()
    {
        breaker.Next.Enqueue(Refuse(announce: false));
        var held = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(IncidentState.Held, (await bench.Store.GetAsync(held.Report.IncidentId, default))!.State);
        Assert.Empty(bench.Sns.Published);
    }

    [Fact]
    public async Task A_released_incident_runs_past_the_breaker_once()
    {
        breaker.Next.Enqueue(Refuse(announce: true));
        var held = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        await IncidentRelease.ReleaseAsync(new IncidentLedger(bench.Store, TestSettings.Enforce(), bench.Time), held.Report.IncidentId, bench.Time, default);

        breaker.Next.Enqueue(Refuse(announce: false)); // still open: a release must not consult it
        var released = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(IncidentOutcome.Remediated, released.Report.Outcome);
        Assert.Single(bench.Journal);
        Assert.Single(breaker.Next);
        var record = (await bench.Store.GetAsync(held.Report.IncidentId, default))!;
        Assert.False(record.Released);
    }

    private static BreakerDecision Refuse(bool announce) =>
        new(false, "breaker open for principal x: its incidents would touch 6 of F's targets") { AnnounceOpen = announce, Held = ["inc-x"] };

    /// <summary>Answers from a queue; admits when it is empty.</summary>
    private sealed class ScriptedBreaker : ITargetBreaker
    {
        public Queue<BreakerDecision> Next { get; } = new();

        public Task<BreakerDecision> AdmitAsync(BreakerRequest request, CancellationToken ct) =>
            Task.FromResult(Next.TryDequeue(out var d) ? d : new BreakerDecision(true, ""));
    }
}
