namespace Remediation.Core.Pipeline;

/// <summary>Conversions between pipeline actions and their stored form.</summary>
public static class ActionRecords
{
    /// <summary>Stored form of a result.</summary>
    public static ActionRecord From(ActionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return From(result.Action, result.Status, result.Detail, result.BeforeState, result.Inverse);
    }

    /// <summary>Stored form of an action with a status.</summary>
    public static ActionRecord From(PlannedAction action, ActionStatus status, string detail, string? before, PlannedAction? inverse)
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
            ? r with { Status = ActionStatus.Done, Detail = "probably written by an earlier attempt that was cut short before recording it; rollback applies its undo" }
            : r)];
    }

    /// <summary>Same identity as <see cref="PlannedAction.Identity"/>.</summary>
    public static string Identity(string kind, string target, IReadOnlyDictionary<string, string> parameters) =>
        new PlannedAction(kind, target, "", parameters).Identity;
}
