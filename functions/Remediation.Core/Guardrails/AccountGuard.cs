using Remediation.Core.Configuration;

namespace Remediation.Core.Guardrails;

/// <summary>
/// Writes happen only in the account an event is about, and only when that is the stack's own account or a configured
/// member (MEMBER_ACCOUNTS). The account comes from where the event's resource lives (GuardDuty and Macie
/// <c>detail.accountId</c>, CloudTrail <c>recipientAccountId</c>, Config <c>awsAccountId</c>, else the envelope); the
/// stack's own account comes from the template, never from the event. A GuardDuty delegated administrator receives
/// its members' findings on its own bus, where the envelope names the administrator.
/// </summary>
public static class AccountGuard
{
    /// <summary>Why this finding must only be reported (nothing read or written), or null when its account may be acted in.</summary>
    public static string? Objection(Finding finding, RemediationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.StackAccountId is not { } own)
        {
            return "the stack's own account is not configured (STACK_ACCOUNT_ID), so nothing is changed";
        }
        var accounts = settings.Accounts;
        var account = finding.AccountId;
        if (accounts.Exempt.Contains(account))
        {
            return $"account {account} is exempt (EXEMPT_ACCOUNTS): reported, nothing read or changed there";
        }
        if (account == own)
        {
            return null;
        }
        if (!Accounts.AccountSettings.IsAccountId(account))
        {
            return $"the event names no valid account ('{TextOf(account)}'), so nothing is read or changed";
        }
        if (accounts.IsMember(account))
        {
            return null;
        }
        return accounts.HasMembers
            ? $"the event is about account {account}, which is neither this stack's account {own} nor a configured member (MEMBER_ACCOUNTS); nothing is read or changed there"
            : $"the event is about account {account}, not this stack's account {own}; nothing is read or changed there (no member accounts are configured)";
    }

    /// <summary>Why the finding's account runs as a dry-run (DRY_RUN_ACCOUNTS), or null.</summary>
    public static string? DryRunReason(Finding finding, RemediationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Accounts.DryRun.Contains(finding.AccountId)
            ? $"account {finding.AccountId} is in DRY_RUN_ACCOUNTS: reported as a dry-run, nothing written"
            : null;
    }

    private static string TextOf(string value) => value.Length > 40 ? value[..40] + "..." : value;
}
