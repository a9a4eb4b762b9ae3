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
    /// This attempt's records, followed by the earlier attempt's done writes this attempt has not reached yet, so a record
    /// saved mid-attempt never loses a write an earlier attempt made.
    /// </summary>
    public static IReadOnlyList<ActionRecord> CarryOver(IReadOnlyList<ActionRecord> previous, IReadOnlyList<ActionRecord> current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var seen = current.Select(a => Identity(a.Kind, a.Target, a.Parameters)).ToHashSet(StringComparer.Ordinal);
        return [.. current, .. previous.Where(p => p.Status == ActionStatuses.Done && !seen.Contains(Identity(p.Kind, p.Target, p.Parameters)))];
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
