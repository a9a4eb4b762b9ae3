using Remediation.Core.Configuration;
using Remediation.Core.Guardrails;
using Remediation.Core.Ledger;
using Remediation.Core.Notifications;

namespace Remediation.Core.Pipeline;

/// <summary>Everything a function's pipeline needs, built once per container.</summary>
public sealed record PipelineDependencies(
    RemediationSettings Settings,
    IPlaybook Playbook,
    IReadOnlyList<IActionHandler> Handlers,
    IIncidentLedger Ledger,
    ITargetBreaker Breaker,
    ITagLookup Tags,
    INotifier Notifier,
    TimeProvider Time);
