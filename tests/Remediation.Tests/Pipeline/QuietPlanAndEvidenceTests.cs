using Microsoft.Extensions.Time.Testing;
using Remediation.Core.Logging;
using Remediation.Core.Notifications;

namespace Remediation.Tests.Pipeline;

/// <summary>Plans that are not incidents (recorded, not published) and plans that carry evidence (shown under WHY).</summary>
public sealed class QuietPlanAndEvidenceTests : IDisposable
{
    private readonly FakeSns sns = new();
    private readonly InMemoryRecordStore store = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly StringWriter logs = new();

    public void Dispose() => logs.Dispose();

    private sealed class PlanPlaybook(Plan plan) : IPlaybook
    {
        public string FunctionName => "TestFunction";

        public Task<Plan> PlanAsync(Finding finding, CancellationToken ct) => Task.FromResult(plan);
    }

    private Task<PipelineResult> Run(Plan plan, IActionHandler? handler = null)
    {
        var settings = TestSettings.Enforce();
        var pipeline = new IncidentPipeline(new PipelineDependencies(settings, new PlanPlaybook(plan), handler is null ? [] : [handler],
            new IncidentLedger(store, settings, time), new FakeBreaker(), new FakeTags(), new SnsNotifier(sns, settings.TopicArn), time));
        return pipeline.RunAsync(TestFindings.GuardDuty(), new JsonLog(logs, pipeline.FunctionName, time), CancellationToken.None);
    }

    [Fact]
    public async Task A_quiet_plan_is_recorded_as_finished_and_not_published()
    {
        var plan = Plan.NotAnIncident("role x is not a SageMaker execution role", Headline.Same("Checked role x"));
        var first = await Run(plan);
        var second = await Run(plan);

        Assert.Empty(sns.Published);
        Assert.Equal(IncidentOutcome.Skipped, first.Report.Outcome);
        Assert.Equal("not an incident: role x is not a SageMaker execution role", first.Report.Reason);
        Assert.Null(first.MessageId);
        var record = await store.GetAsync(first.Report.IncidentId, default);
        Assert.Equal((IncidentState.Notified, IncidentOutcome.Skipped), (record!.State, record.Outcome));
        Assert.Contains("duplicate", second.Report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_is_ignored_when_the_plan_has_actions()
    {
        var journal = new List<string>();
        var plan = new Plan([PlannedAction.Create("test:Write", "arn:aws:sagemaker:us-east-1:123456789012:training-job/j", "why")], [], Headline.Same("Did it")) { Quiet = true };
        await Run(plan, new RecordingHandler("test:Write", journal));
        Assert.Single(journal);
        Assert.Single(sns.Published);
    }

    [Fact]
    public async Task Evidence_is_shown_under_WHY_and_in_the_machine_json_and_kept_in_the_ledger()
    {
        var plan = new Plan([], ["nothing to stop"], Headline.Same("Checked job j"))
        {
            Evidence = ["Broken rule requireKms: outputDataConfig.kmsKeyId not set (policy: a KMS key is required)"],
        };
        var result = await Run(plan);

        var published = Assert.Single(sns.Published);
        using var message = System.Text.Json.JsonDocument.Parse(published.Message);
        var text = message.RootElement.GetProperty("default").GetString()!;
        Assert.Contains("WHY" + Environment.NewLine + "  Broken rule requireKms: outputDataConfig.kmsKeyId not set", text, StringComparison.Ordinal);
        using var machine = System.Text.Json.JsonDocument.Parse(message.RootElement.GetProperty("sqs").GetString()!);
        Assert.Equal(plan.Evidence[0], machine.RootElement.GetProperty("evidence")[0].GetString());
        var record = await store.GetAsync(result.Report.IncidentId, default);
        Assert.Equal(plan.Evidence, record!.Evidence);
    }
}
