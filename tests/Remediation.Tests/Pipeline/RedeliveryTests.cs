namespace Remediation.Tests.Pipeline;

/// <summary>
/// Issue 13 goal 6: redeliveries in a storm cost as little as possible. An update of a published finding claims before
/// any read; an instance that finished an incident answers its redeliveries without asking the ledger.
/// </summary>
public sealed class RedeliveryTests : IDisposable
{
    private readonly PipelineBench bench = new();
    private readonly CountingPlaybook playbook = new();

    public void Dispose() => bench.Dispose();

    /// <summary>Counts plans: the prelude's reads start with the plan.</summary>
    private sealed class CountingPlaybook : IPlaybook
    {
        public int Plans;

        public string FunctionName => "TestFunction";

        public Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
        {
            Interlocked.Increment(ref Plans);
            return Task.FromResult(new Plan([], [], new Headline("Reported", "Reported")));
        }
    }

    [Fact]
    public async Task A_redelivered_update_of_a_published_finding_is_a_duplicate_without_planning()
    {
        var first = bench.Pipeline(playbook, []);
        await bench.RunAsync(first, TestFindings.GuardDuty());
        Assert.Equal(1, playbook.Plans);

        // Another instance (its own ledger, the same table) gets GuardDuty's update of the finding.
        var other = bench.Pipeline(playbook, []);
        var update = await bench.RunAsync(other, TestFindings.GuardDuty() with { Republished = true });
        Assert.Contains("duplicate", update.Report.Reason, StringComparison.Ordinal);
        Assert.Equal(1, playbook.Plans);
    }

    [Fact]
    public async Task A_first_publication_plans_beside_its_claim_even_when_it_turns_out_a_duplicate()
    {
        await bench.RunAsync(bench.Pipeline(playbook, []), TestFindings.GuardDuty());
        var redelivered = await bench.RunAsync(bench.Pipeline(playbook, []), TestFindings.GuardDuty());
        Assert.Contains("duplicate", redelivered.Report.Reason, StringComparison.Ordinal);
        Assert.Equal(2, playbook.Plans);
    }

    [Fact]
    public async Task The_instance_that_finished_an_incident_answers_its_redelivery_without_the_ledger()
    {
        var pipeline = bench.Pipeline(playbook, []);
        await bench.RunAsync(pipeline, TestFindings.GuardDuty());
        bench.Store.FailingPuts.UnionWith(Enumerable.Range(1, 100)); // any ledger write from here on would throw

        var redelivered = await bench.RunAsync(pipeline, TestFindings.GuardDuty());
        Assert.Contains("duplicate", redelivered.Report.Reason, StringComparison.Ordinal);
        Assert.Equal(1, playbook.Plans);
    }
}
