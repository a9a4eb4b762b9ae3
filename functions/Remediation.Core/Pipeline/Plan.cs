namespace Remediation.Core.Pipeline;

/// <summary>
/// What a playbook decided: ordered writes (the first one is the one that stops the damage),
/// plus what it chose not to do and why.
/// </summary>
/// <param name="Actions">Writes in order; containment first.</param>
/// <param name="Skipped">Things deliberately not done, with the reason (reported, never silent).</param>
/// <param name="Headline">The human summary for the subject line.</param>
public sealed record Plan(IReadOnlyList<PlannedAction> Actions, IReadOnlyList<string> Skipped, Headline Headline)
{
    /// <summary>A plan with no writes: the finding is reported only.</summary>
    public static Plan ReportOnly(string reason, Headline headline) => new([], [reason], headline);

    /// <summary>What the playbook found that justifies the plan, one line each (a broken rule with its value); shown under WHY.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>
    /// The event is not an incident for this function (a compliant training job, a finding about a role that runs no
    /// SageMaker work): recorded in the ledger with the reason, but not published, so subscribers are not paged for it.
    /// Only honoured when the plan has no actions.
    /// </summary>
    public bool Quiet { get; init; }

    /// <summary>
    /// Each write sets state no other write of the plan reads or sets (a user's deny-all and the user's keys): their
    /// intents are recorded in one save and the writes made together, so containing a user with a key is one step of
    /// writes, not one per write. Honoured on an attempt's first writes only; a retry writes in order.
    /// </summary>
    public bool WritesIndependent { get; init; }

    /// <summary>
    /// The headline when the first action (the one the headline is about, e.g. undoing an escalation) was not done
    /// but later ones were (containing its actor): the subject must not claim the first. Null: the headline stands.
    /// </summary>
    public Headline? WithoutFirstAction { get; init; }

    /// <summary>The headline that is true of what was done.</summary>
    public Headline HeadlineFor(IReadOnlyList<ActionRecord> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        if (WithoutFirstAction is not { } partial || Actions.Count == 0)
        {
            return Headline;
        }
        // By identity, not position: an earlier attempt's writes come first in the record.
        var first = Actions[0].Identity;
        var firstRecord = done.FirstOrDefault(a => ActionRecords.Identity(a.Kind, a.Target, a.Parameters) == first);
        return firstRecord is { Status: not ActionStatus.Done } && done.Any(a => !ReferenceEquals(a, firstRecord) && a.Status == ActionStatus.Done)
            ? partial
            : Headline;
    }

    /// <summary>A plan with no writes that is recorded but not published (see <see cref="Quiet"/>).</summary>
    public static Plan NotAnIncident(string reason, Headline headline) => new([], [reason], headline) { Quiet = true };
}
