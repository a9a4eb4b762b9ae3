using System.Text.Json;
using Remediation.Core.Ledger;

namespace Remediation.Core.Pipeline;

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

    /// <summary>The contract word for a status.</summary>
    public static string Of(ActionStatus status) => status switch
    {
        ActionStatus.Done => Done,
        ActionStatus.Planned => Planned,
        ActionStatus.Skipped => Skipped,
        _ => Failed,
    };
}

/// <summary>Conversions between pipeline actions and their stored form.</summary>
public static class ActionRecords
{
    /// <summary>Stored form of a result.</summary>
    public static ActionRecord From(ActionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return From(result.Action, ActionStatuses.Of(result.Status), result.Detail, result.BeforeState, result.Inverse);
    }

    /// <summary>Stored form of an action with a status.</summary>
    public static ActionRecord From(PlannedAction action, string status, string detail, string? before, PlannedAction? inverse)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new ActionRecord(action.Kind, action.Target, action.Reason, action.Parameters, status, detail, before,
            inverse is null ? null : new InverseRecord(inverse.Kind, inverse.Target, inverse.Reason, inverse.Parameters));
    }

    /// <summary>The inverse as an action to run.</summary>
    public static PlannedAction ToAction(InverseRecord inverse)
    {
        ArgumentNullException.ThrowIfNull(inverse);
        return new PlannedAction(inverse.Kind, inverse.Target, inverse.Reason, inverse.Parameters);
    }

    /// <summary>
    /// The earlier attempt's writes this attempt has not reached (yet, or at all: the plan is re-read), then this attempt's
    /// records, so a record saved mid-attempt never loses a write an earlier attempt made. Earlier writes come first
    /// because they happened first: rollback undoes in reverse order.
    /// </summary>
    public static IReadOnlyList<ActionRecord> CarryOver(IReadOnlyList<ActionRecord> previous, IReadOnlyList<ActionRecord> current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var seen = current.Select(a => Identity(a.Kind, a.Target, a.Parameters)).ToHashSet(StringComparer.Ordinal);
        return [.. previous.Where(p => ActionStatuses.MayHaveWritten(p) && !seen.Contains(Identity(p.Kind, p.Target, p.Parameters))), .. current];
    }

    /// <summary>
    /// The incident's results across attempts: this attempt's, then every earlier write it did not redo (the plan is
    /// re-read each attempt, and a job the first attempt stopped is no longer planned). An earlier intent whose result
    /// was never recorded and that this plan no longer needs most likely landed: it is reported done, with its undo.
    /// </summary>
    public static IReadOnlyList<ActionRecord> Accumulate(IReadOnlyList<ActionRecord> previous, IReadOnlyList<ActionRecord> current)
    {
        var all = CarryOver(previous, current);
        var carried = all.Count - current.Count;
        return [.. all.Select((r, i) => i < carried && ActionStatuses.CarriesIntent(r)
            ? r with { Status = ActionStatuses.Done, Detail = "probably written by an earlier attempt that was cut short before recording it; rollback applies its undo" }
            : r)];
    }

    /// <summary>Same identity as <see cref="PlannedAction.Identity"/>.</summary>
    public static string Identity(string kind, string target, IReadOnlyDictionary<string, string> parameters) =>
        new PlannedAction(kind, target, "", parameters).Identity;

    /// <summary>Writes the actions array of the report contract: kind, target, status, (reason,) detail.</summary>
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<ActionRecord> actions, bool withReason)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(actions);
        w.WriteStartArray("actions");
        foreach (var a in actions)
        {
            w.WriteStartObject();
            w.WriteString("kind", a.Kind);
            w.WriteString("target", a.Target);
            w.WriteString("status", a.Status);
            if (withReason)
            {
                w.WriteString("reason", a.Reason);
            }
            w.WriteString("detail", a.Detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
