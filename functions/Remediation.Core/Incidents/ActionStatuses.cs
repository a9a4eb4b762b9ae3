using System.Text.Json.Serialization;

namespace Remediation.Core.Incidents;

/// <summary>What happened to one action; serialized as the report contract's words (done, planned, skipped, failed, started).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionStatus>))]
public enum ActionStatus
{
    /// <summary>Written.</summary>
    [JsonStringEnumMemberName("done")] Done,
    /// <summary>Would be written (dry-run).</summary>
    [JsonStringEnumMemberName("planned")] Planned,
    /// <summary>Not written, by a guardrail's decision or because there was nothing to write.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
    /// <summary>The write failed.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>About to be written: the intent (before-state and inverse) is recorded, the result not yet.</summary>
    [JsonStringEnumMemberName("started")] Started,
}

/// <summary>The contract words of <see cref="ActionStatus"/> and what a status says about a write.</summary>
public static class ActionStatuses
{
    /// <summary>The report contract's word for a status ("done", ...), as the ledger and every report write it.</summary>
    public static string Word(this ActionStatus status) => status switch
    {
        ActionStatus.Done => "done",
        ActionStatus.Planned => "planned",
        ActionStatus.Skipped => "skipped",
        ActionStatus.Started => "started",
        _ => "failed",
    };

    /// <summary>
    /// True for a record holding an intent whose write may have landed: started, or failed in a later attempt
    /// (a failed record has an inverse only when it carries an earlier attempt's intent).
    /// </summary>
    public static bool CarriesIntent(ActionRecord record) =>
        record?.Status == ActionStatus.Started || (record?.Status == ActionStatus.Failed && record.Inverse is not null);

    /// <summary>True for records whose write happened or may have happened, so their inverse must be kept and applied on rollback.</summary>
    public static bool MayHaveWritten(ActionRecord record) => record?.Status == ActionStatus.Done || CarriesIntent(record!);
}
