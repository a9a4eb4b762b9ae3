namespace Remediation.Tests.Pipeline;

/// <summary>
/// Issue 13.2: a plan whose writes are independent (<see cref="Plan.WritesIndependent"/>, a user's deny-all and keys)
/// records every intent in one save and makes the writes together; any other plan writes one after another.
/// </summary>
public sealed class IndependentWritesTests : IDisposable
{
    private const string Kind = "test:SetFlag";
    private readonly PipelineBench bench = new();
    private readonly FlagHandler handler = new();

    public void Dispose() => bench.Dispose();

    private static PlannedAction Flag(string name) =>
        PlannedAction.Create(Kind, $"arn:aws:iam::123456789012:user/{name}", "set the flag of " + name, ("Name", name));

    private IncidentPipeline Pipeline(bool independent, ITargetBreaker? breaker = null) =>
        bench.Pipeline(new PlanOf(independent, Flag("alice"), Flag("bob")), [handler], breaker: breaker);

    [Fact]
    public async Task Independent_writes_are_intended_in_one_save_and_made_together()
    {
        handler.Together = new Barrier(2);
        var result = await bench.RunAsync(Pipeline(independent: true), TestFindings.GuardDuty());
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Equal(2, handler.MostInFlight);
        Assert.Equal(["Claimed: ", "Claimed: Started, Started", "Executed: Done, Done", "Notified: Done, Done"], bench.Store.Landed);
        var record = await bench.Store.GetAsync(result.Report.IncidentId, default);
        Assert.All(record!.Actions, a => Assert.Equal(("off", ActionStatus.Done), (a.Before, a.Status)));
        Assert.Equal(["alice", "bob"], record.Actions.Select(a => a.Parameters["Name"]));
    }

    [Fact]
    public async Task Writes_of_any_other_plan_go_one_after_another_each_intended_first()
    {
        var result = await bench.RunAsync(Pipeline(independent: false), TestFindings.GuardDuty());
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Equal(1, handler.MostInFlight);
        Assert.Equal(["Claimed: ", "Claimed: Started", "Claimed: Done, Started", "Executed: Done, Done", "Notified: Done, Done"], bench.Store.Landed);
    }

    [Fact]
    public async Task An_open_breaker_holds_every_independent_write()
    {
        var result = await bench.RunAsync(Pipeline(independent: true, new FakeBreaker(admit: false)), TestFindings.GuardDuty());
        Assert.Equal(0, handler.Writes);
        var record = await bench.Store.GetAsync(result.Report.IncidentId, default);
        Assert.Equal(IncidentState.Held, record!.State);
        Assert.All(record.Actions, a => Assert.Equal(ActionStatus.Skipped, a.Status));
    }

    private sealed class PlanOf(bool independent, params PlannedAction[] actions) : IPlaybook
    {
        public string FunctionName => "TestFunction";

        public Task<Plan> PlanAsync(Finding finding, CancellationToken ct) =>
            Task.FromResult(new Plan(actions, [], new Headline("Set the flags", "Would set the flags")) { WritesIndependent = independent });
    }

    /// <summary>A flag per name, "off" until written; counts the writes in flight at once.</summary>
    private sealed class FlagHandler : IIntentHandler
    {
        private int inFlight;

        public Barrier? Together { get; set; }

        public int MostInFlight { get; private set; }

        public int Writes { get; private set; }

        string IActionHandler.Kind => Kind;

        public Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct) =>
            Task.FromResult<ActionIntent?>(new ActionIntent("off", PlannedAction.Create(Kind, action.Target, "rollback", ("Name", action.Require("Name")))));

        public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (this)
            {
                (MostInFlight, Writes) = (Math.Max(MostInFlight, now), Writes + 1);
            }
            // Both writes must be in flight at once for the barrier to open; a sequential executor would time out here.
            await Task.Run(() => Together?.SignalAndWait(TimeSpan.FromSeconds(5)), ct);
            Interlocked.Decrement(ref inFlight);
            return ActionResult.Done(action, "on", "off", PlannedAction.Create(Kind, action.Target, "rollback", ("Name", action.Require("Name"))));
        }
    }
}
