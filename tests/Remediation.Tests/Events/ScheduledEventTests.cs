using Remediation.Core.Guardrails;
using Remediation.Core.Hosting;

namespace Remediation.Tests.Events;

/// <summary>
/// A schedule rule's "Scheduled Event" is parsed once, like any event, into a finding of the function's own work
/// (docs/aws-reference.md §A7); functions without scheduled work end it unrecorded (docs/architecture.md §nothing).
/// </summary>
public sealed class ScheduledEventTests : IDisposable
{
    private const string Sweep = "schedule/rotate-keys-daily-sweep.json";
    private readonly PipelineBench bench = new();
    private readonly StringWriter logs = new();

    public void Dispose()
    {
        bench.Dispose();
        logs.Dispose();
    }

    [Fact]
    public void A_scheduled_event_is_a_finding_of_own_work_naming_no_one()
    {
        var finding = SampleEvents.Parse(Sweep).Finding!;

        Assert.Equal(FindingSource.Schedule, finding.Source);
        Assert.Equal("schedule:53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", finding.DedupeKey);
        Assert.Equal("Scheduled run of rule remediation-RotateKeysFunctionDailySweep", finding.Title);
        Assert.Equal("123456789012", finding.AccountId);
        Assert.Null(finding.Principal);
        Assert.Null(finding.Resource);
    }

    [Fact]
    public void A_scheduled_event_from_another_source_is_not_a_schedule_rule_delivery()
    {
        var parsed = SampleEvents.ParseEdited(Sweep, e => e["source"] = "my.app");

        Assert.Equal(ParseErrorCodes.UnsupportedDetailType, parsed.Error!.Code);
        Assert.Contains("aws.events", parsed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Own_work_is_not_held_to_the_severity_threshold()
    {
        var finding = SampleEvents.Parse(Sweep).Finding!;

        var verdict = await new FindingGuardrails(TestSettings.Enforce(("MIN_SEVERITY", "9")), new FakeTags()).EvaluateAsync(finding, CancellationToken.None);

        Assert.Equal(VerdictKind.Proceed, verdict.Kind);
    }

    [Fact]
    public async Task A_function_without_scheduled_work_ends_a_scheduled_event_unrecorded()
    {
        var handler = new FunctionHandler(bench.Pipeline(new FixedPlaybook(), []), logs, bench.Time);

        using var result = JsonDocument.Parse(await handler.HandleAsync(new MemoryStream(SampleEvents.Bytes(Sweep))));

        Assert.Equal("skipped", result.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("incidentId").ValueKind);
        Assert.Contains("has no scheduled work", result.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await bench.Store.ListAsync(default));
        Assert.Empty(bench.Sns.Published);
    }
}
