using Remediation.Core.Aws.Sns;
using Remediation.Core.Configuration;
using Microsoft.Extensions.Time.Testing;
using Remediation.Core.Guardrails;
using Remediation.Core.Logging;
using Remediation.Core.Notifications;

namespace Remediation.Tests.Support;

/// <summary>An in-memory pipeline: ledger, topic, clock and log, for tests that build their own playbook and handlers.</summary>
internal sealed class PipelineBench : IDisposable
{
    public List<string> Journal { get; } = [];

    public FakeSns Sns { get; } = new();

    public InMemoryRecordStore Store { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private readonly StringWriter logs = new();

    public IncidentPipeline Pipeline(IPlaybook playbook, IReadOnlyList<IActionHandler> handlers, ITagLookup? tags = null, ISns? sns = null,
        ITargetBreaker? breaker = null, RemediationSettings? settings = null, IMemberWorkspaces? members = null)
    {
        settings ??= TestSettings.Enforce();
        return new IncidentPipeline(new PipelineDependencies(settings, playbook, handlers, new IncidentLedger(Store, settings, Time),
            breaker ?? new FakeBreaker(), tags ?? new FakeTags(), new SnsNotifier(sns ?? Sns, settings.TopicArn), Time) { Members = members });
    }

    public Task<PipelineResult> RunAsync(IncidentPipeline pipeline, Finding finding) =>
        pipeline.RunAsync(finding, new JsonLog(logs, pipeline.FunctionName, Time), CancellationToken.None);

    public void Dispose() => logs.Dispose();
}
