using Remediation.Core.Configuration;
using Remediation.Core.Findings;

namespace Remediation.Core.Guardrails;

/// <summary>
/// Writes happen only in the account the stack runs in. The account an event is about comes from where its resource
/// lives (GuardDuty and Macie <c>detail.accountId</c>, CloudTrail <c>recipientAccountId</c>, Config <c>awsAccountId</c>,
/// else the envelope); the stack's own account comes from the template, never from the event. A GuardDuty delegated
/// administrator receives its members' findings on its own bus, where the envelope names the administrator.
/// </summary>
public static class AccountGuard
{
    /// <summary>Why this finding must only be reported, or null when it is about this stack's own account.</summary>
    public static string? Objection(Finding finding, RemediationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.StackAccountId is not { } own)
        {
            return "the stack's own account is not configured (STACK_ACCOUNT_ID), so nothing is changed";
        }
        return finding.AccountId == own
            ? null
            : $"the event is about account {finding.AccountId}, not this stack's account {own}; nothing is read or changed there (no member accounts are configured)";
    }
}
