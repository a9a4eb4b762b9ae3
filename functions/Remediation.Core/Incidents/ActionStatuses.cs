namespace Remediation.Core.Incidents;

/// <summary>Status words of the report contract.</summary>
public static class ActionStatuses
{
    /// <summary>Written.</summary>
    public const string Done = "done";
    /// <summary>Would be written.</summary>
    public const string Planned = "planned";
    /// <summary>Not written by a guardrail's decision.</summary>
    public const string Skipped = "skipped";
    /// <summary>The write failed.</summary>
    public const string Failed = "failed";
    /// <summary>About to be written: the intent (before-state and inverse) is recorded, the result not yet.</summary>
    public const string Started = "started";

    /// <summary>
    /// True for a record holding an intent whose write may have landed: started, or failed in a later attempt
    /// (a failed record has an inverse only when it carries an earlier attempt's intent).
    /// </summary>
    public static bool CarriesIntent(ActionRecord record) =>
        record?.Status == Started || (record?.Status == Failed && record.Inverse is not null);

    /// <summary>True for records whose write happened or may have happened, so their inverse must be kept and applied on rollback.</summary>
    public static bool MayHaveWritten(ActionRecord record) => record?.Status == Done || CarriesIntent(record!);
}
