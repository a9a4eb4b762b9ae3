namespace Remediation.Core.Pipeline;

/// <summary>Performs one kind of write, returning what it replaced and how to reverse it.</summary>
public interface IActionHandler
{
    /// <summary>The <see cref="PlannedAction.Kind"/> this handler performs.</summary>
    string Kind { get; }

    /// <summary>
    /// Reads the state the write will replace, performs the write and returns the inverse.
    /// A write that is already in the desired state returns <see cref="ActionStatus.Done"/> with a detail saying so
    /// and no inverse (there is nothing to undo).
    /// </summary>
    Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct);

    /// <summary>
    /// True when writes of this kind touch only their own target, record no intent, have no undo to keep and need no
    /// order among themselves (SageMaker stops): a run of them is written a few at a time and recorded together
    /// (<see cref="PlanExecutor.AlongsidePerSave"/>), so a thousand stops are not a thousand round trips and saves long.
    /// A retry after a crash meets those stops again and records them (a second stop is refused, the job described).
    /// </summary>
    bool RunsAlongside => false;

    /// <summary>
    /// Starts, before the plan is known, the reads <see cref="ExecuteAsync"/> would make first for the write the
    /// playbook anticipated (<see cref="IPlaybook.Anticipate"/>), and keeps them for it (<see cref="PreparedRead{T}"/>).
    /// Reads only; a failed read is the write's to meet again.
    /// </summary>
    Task PrepareAsync(PlannedAction action, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// A handler that can say, before it writes, what the write will replace and how to undo it. The executor records
/// that intent in the ledger first, so a write that lands while its own record is lost (the function killed, the
/// ledger unreachable) is still undoable: the retry finds the intent and keeps its before-state and inverse instead of
/// reading the already-changed state as "before".
/// </summary>
public interface IIntentHandler : IActionHandler
{
    /// <summary>The before-state and inverse of the write about to be made; null when there is nothing to write.</summary>
    Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct);

    /// <summary>
    /// Runs the action again after an attempt that recorded <paramref name="recorded"/> and then died: a handler whose
    /// write is not naturally idempotent recognises its own earlier effect here instead of writing again.
    /// </summary>
    Task<ActionResult> ResumeAsync(PlannedAction action, ActionIntent recorded, CancellationToken ct) => ExecuteAsync(action, ct);
}

/// <summary>What a write will replace and how to undo it, recorded before the write.</summary>
/// <param name="BeforeState">The state the write replaces.</param>
/// <param name="Inverse">The action that restores it.</param>
/// <param name="Intended">What the write sets, when the action's parameters alone do not say it (a time of day).</param>
public sealed record ActionIntent(string BeforeState, PlannedAction Inverse, string? Intended = null);

/// <summary>The outcome of one action, with the state it replaced and its inverse.</summary>
/// <param name="Action">The action.</param>
/// <param name="Status">Done, planned, skipped or failed.</param>
/// <param name="Detail">Human detail ("key was Active", "AccessDenied: ...").</param>
/// <param name="BeforeState">The state the write replaced (JSON or text), for the ledger.</param>
/// <param name="Inverse">The action that undoes it, when there is something to undo.</param>
public sealed record ActionResult(PlannedAction Action, ActionStatus Status, string Detail, string? BeforeState, PlannedAction? Inverse)
{
    /// <summary>A successful write.</summary>
    public static ActionResult Done(PlannedAction action, string detail, string? before, PlannedAction? inverse) =>
        new(action, ActionStatus.Done, detail, before, inverse);

    /// <summary>Nothing written and nothing to undo (the target is gone, or already as wanted by someone else), with why.</summary>
    public static ActionResult Skipped(PlannedAction action, string detail) =>
        new(action, ActionStatus.Skipped, detail, null, null);
}
