using Remediation.Core.Findings;
using Remediation.Core.Notifications;
using Remediation.Core.Pipeline;

namespace Remediation.Notify;

/// <summary>Reports what no remediation function handles: nothing is written, one message is published.</summary>
public sealed class NotifyPlaybook : IPlaybook
{
    /// <summary>The function's logical name.</summary>
    public const string Name = "Notify";

    /// <inheritdoc />
    public string FunctionName => Name;

    /// <inheritdoc />
    public Task<Plan> PlanAsync(Finding finding, CancellationToken ct) =>
        Task.FromResult(new Plan([], [], ReportHeadline.For(finding)));

    /// <summary>
    /// Notify's Config rule takes every NON_COMPLIANT change (EventBridge documents anything-but with a single wildcard
    /// only); the rules another function acts on are that function's to report.
    /// </summary>
    public string? Disregard(Finding finding) =>
        finding?.Compliance is { } c && ConfigRuleOwners.OwnerOf(c.RuleName) is { } owner
            ? $"Config rule {c.RuleName} is reported by {owner}, which acts on it"
            : null;
}
