using System.Text.Json.Serialization;

namespace Remediation.Core.Incidents;

/// <summary>How an incident ended (docs/architecture.md §contract); serialized as remediated, skipped, dry-run, failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentOutcome>))]
public enum IncidentOutcome
{
    /// <summary>At least one write done, none failed.</summary>
    [JsonStringEnumMemberName("remediated")] Remediated,
    /// <summary>Nothing written (reported only, exempt, duplicate, breaker...).</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
    /// <summary>Whole pipeline run, writes only planned.</summary>
    [JsonStringEnumMemberName("dry-run")] DryRun,
    /// <summary>A write failed.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>The contract words of <see cref="IncidentOutcome"/>.</summary>
public static class IncidentOutcomes
{
    /// <summary>The result contract's word for an outcome ("remediated", "dry-run", ...).</summary>
    public static string Word(this IncidentOutcome outcome) => outcome switch
    {
        IncidentOutcome.Remediated => "remediated",
        IncidentOutcome.Skipped => "skipped",
        IncidentOutcome.DryRun => "dry-run",
        _ => "failed",
    };

    /// <summary>The outcome a contract word names; null for anything else.</summary>
    public static IncidentOutcome? FromWord(string? word) =>
        Enum.GetValues<IncidentOutcome>().Cast<IncidentOutcome?>().FirstOrDefault(o => o!.Value.Word() == word);
}
