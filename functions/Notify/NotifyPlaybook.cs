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
}
