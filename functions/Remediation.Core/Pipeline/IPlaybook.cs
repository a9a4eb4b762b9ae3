namespace Remediation.Core.Pipeline;

/// <summary>
/// A function's decision logic. Implementations may read AWS state to learn facts
/// (a role's trust policy, the jobs running under a role) but never write; the decision
/// itself lives in a pure planner that tests call without I/O.
/// </summary>
public interface IPlaybook
{
    /// <summary>The function's logical name ("RevokeIamPermissions"), used in the ledger and notifications.</summary>
    string FunctionName { get; }

    /// <summary>Decides what to do about the finding.</summary>
    Task<Plan> PlanAsync(Finding finding, CancellationToken ct);

    /// <summary>
    /// Why an event the rules routed here is no incident at all (an inline policy that grants nothing broad, a user
    /// creating their own key), or null when it is one. Such events are logged and skipped: no ledger record, no
    /// notification, so routine IAM changes do not flood the topic. Pure: no I/O.
    /// </summary>
    string? Disregard(Finding finding) => null;

    /// <summary>
    /// True when the function has scheduled work (a schedule rule targets it and <see cref="PlanAsync"/> plans
    /// <see cref="FindingSource.Schedule"/> findings); any other function disregards scheduled events.
    /// </summary>
    bool HasScheduledWork => false;

    /// <summary>
    /// The plan's writes as the event alone names them, before any read, first write first; empty when it names none.
    /// The pipeline reads their before-states while the playbook's own reads run, so recording an intent adds no step
    /// before its write (docs/architecture.md §steps). Only a hint: the plan decides, and a wrong guess costs one read.
    /// Pure: no I/O.
    /// </summary>
    IReadOnlyList<PlannedAction> Anticipate(Finding finding) => [];
}
