namespace Remediation.Core.Incidents;

/// <summary>Everything a notification and the handler's summary say about one incident.</summary>
/// <param name="Function">Logical function name.</param>
/// <param name="IncidentId">Ledger id.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Finding">The normalized finding.</param>
/// <param name="Headline">The plan's headline.</param>
/// <param name="Actions">Each action with its status.</param>
/// <param name="Skipped">What was not done, and why.</param>
public sealed record IncidentReport(
    string Function,
    string IncidentId,
    IncidentOutcome Outcome,
    string Reason,
    Finding Finding,
    Headline Headline,
    IReadOnlyList<ActionRecord> Actions,
    IReadOnlyList<string> Skipped)
{
    /// <summary>The member role every read and write went through; null in the stack's own account.</summary>
    public string? MemberRoleArn { get; init; }

    /// <summary>The member account's alias, when it has one that could be read.</summary>
    public string? AccountAlias { get; init; }

    /// <summary>What the playbook found that justifies its plan (e.g. each broken policy rule with its value).</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>True when something was written that rollback can undo.</summary>
    public bool HasUndo => Actions.Any(a => a.Inverse is not null && a.Status == ActionStatus.Done);
}
