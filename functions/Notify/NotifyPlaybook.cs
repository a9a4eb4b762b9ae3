using Remediation.Core.Notifications;

namespace Remediation.Notify;

/// <summary>Reports what no remediation function handles: nothing is written, one message is published.</summary>
/// <param name="isolationMinSeverity">
/// ISOLATION_MIN_SEVERITY: from this score IsolateInstance contains (and reports) the instance findings of
/// <see cref="IsolationFamilies"/>; null when IsolateInstance is not deployed beside Notify.
/// </param>
public sealed class NotifyPlaybook(double? isolationMinSeverity = null) : IPlaybook
{
    /// <summary>The function's logical name.</summary>
    public const string Name = "Notify";

    /// <summary>The variable that names IsolateInstance's threshold.</summary>
    public const string IsolationMinSeverityVariable = "ISOLATION_MIN_SEVERITY";

    /// <inheritdoc />
    public string FunctionName => Name;

    /// <inheritdoc />
    public Task<Plan> PlanAsync(Finding finding, CancellationToken ct) =>
        Task.FromResult(new Plan([], [], ReportHeadline.For(finding)));

    /// <summary>
    /// Notify's Config rule takes every NON_COMPLIANT change (EventBridge documents anything-but with a single wildcard
    /// only), and its GuardDuty rule every instance finding (an anything-but takes one prefix only); what another
    /// function acts on is that function's to report.
    /// </summary>
    public string? Disregard(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Compliance is { } c && ConfigRuleOwners.OwnerOf(c.RuleName) is { } owner)
        {
            return $"Config rule {c.RuleName} is reported by {owner}, which acts on it";
        }
        return isolationMinSeverity is { } threshold && finding.Severity.Score >= threshold && IsolationFamilies.Covers(finding)
            ? $"{finding.Type} on an EC2 instance is reported by IsolateInstance, which acts on it"
            : null;
    }
}
