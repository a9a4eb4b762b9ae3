using Remediation.Core.Configuration;
using Remediation.Core.Guardrails;
using Remediation.Core.Ledger;
using Remediation.Core.Notifications;

namespace Remediation.Core.Pipeline;

/// <summary>
/// Everything a function's pipeline needs, built once per container. <see cref="Playbook"/>, <see cref="Handlers"/> and
/// <see cref="Tags"/> act in the stack's own account; <see cref="Members"/> opens the same over a member role.
/// </summary>
public sealed record PipelineDependencies(
    RemediationSettings Settings,
    IPlaybook Playbook,
    IReadOnlyList<IActionHandler> Handlers,
    IIncidentLedger Ledger,
    ITargetBreaker Breaker,
    ITagLookup Tags,
    INotifier Notifier,
    TimeProvider Time)
{
    /// <summary>Member accounts' workspaces; null in single-account mode.</summary>
    public IMemberWorkspaces? Members { get; init; }
}
