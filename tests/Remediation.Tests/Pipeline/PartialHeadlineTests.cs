namespace Remediation.Tests.Pipeline;

/// <summary>A subject never claims the write a guardrail skipped (an escalation left in place by an exempt target).</summary>
public sealed class PartialHeadlineTests
{
    private const string Target = "arn:aws:iam::123456789012:user/intern-sam";
    private const string Actor = "arn:aws:iam::123456789012:user/data-scientist-bob";

    private sealed class EscalationPlaybook : IPlaybook
    {
        public string FunctionName => "TestFunction";

        public Task<Plan> PlanAsync(Finding finding, CancellationToken ct) => Task.FromResult(new Plan(
            [PlannedAction.Create("iam:DetachUserPolicy", Target, "undo"), PlannedAction.Create("iam:DenyAllUser", Actor, "contain the actor")],
            [], new Headline("Undid escalation of intern-sam by data-scientist-bob", "Would undo escalation of intern-sam by data-scientist-bob"))
        {
            WithoutFirstAction = new Headline("Contained data-scientist-bob; escalation of intern-sam NOT undone", "Would contain data-scientist-bob"),
        });
    }

    [Fact]
    public async Task An_exempt_target_leaves_the_escalation_and_the_subject_says_so()
    {
        using var bench = new PipelineBench();
        var tags = new FakeTags(new Dictionary<string, Dictionary<string, string>> { [Target] = new() { ["remediation:exempt"] = "true" } });
        var pipeline = bench.Pipeline(new EscalationPlaybook(),
            [new RecordingHandler("iam:DetachUserPolicy", bench.Journal), new RecordingHandler("iam:DenyAllUser", bench.Journal)], tags);

        var result = await bench.RunAsync(pipeline, TestFindings.GuardDuty());

        Assert.Equal(["iam:DenyAllUser " + Actor], bench.Journal);
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Contains("escalation of intern-sam NOT undone", Assert.Single(bench.Sns.Published).Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Undid", bench.Sns.Published[0].Subject, StringComparison.Ordinal);
    }
}
