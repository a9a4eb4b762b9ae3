using Remediation.Core.Configuration;

namespace Remediation.Core.Accounts;

/// <summary>
/// Which accounts the functions act in besides their own, and the per-account guardrails: MEMBER_ACCOUNTS (12-digit
/// ids, or <c>*</c> for any account of the stack's organization, which the central roles' <c>aws:ResourceOrgID</c>
/// condition and the member role's <c>aws:PrincipalOrgID</c> trust enforce), MEMBER_ROLE_NAME, DRY_RUN_ACCOUNTS and
/// EXEMPT_ACCOUNTS. Empty MEMBER_ACCOUNTS is single-account mode.
/// </summary>
public sealed record AccountSettings
{
    /// <summary>The member role's name when MEMBER_ROLE_NAME is unset.</summary>
    public const string DefaultMemberRoleName = "RemediationMemberRole";

    /// <summary>Single-account mode: no members, no per-account guardrails.</summary>
    public static readonly AccountSettings SingleAccount = new();

    /// <summary>The configured member account ids.</summary>
    public IReadOnlySet<string> Members { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>MEMBER_ACCOUNTS=*: every account of the organization is a member.</summary>
    public bool AnyOrganizationAccount { get; init; }

    /// <summary>The member role's name (the member stack puts it under <see cref="MemberStackNames.RolePath"/>).</summary>
    public string MemberRoleName { get; init; } = DefaultMemberRoleName;

    /// <summary>Accounts whose incidents run as a dry-run whatever REMEDIATION_MODE says (a new member starts here).</summary>
    public IReadOnlySet<string> DryRun { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Accounts never read or written: their incidents are reported only.</summary>
    public IReadOnlySet<string> Exempt { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>True when the account is a configured member (never the stack's own account, which needs no role).</summary>
    public bool IsMember(string account) => AnyOrganizationAccount || Members.Contains(account);

    /// <summary>True when any member is configured.</summary>
    public bool HasMembers => AnyOrganizationAccount || Members.Count > 0;

    /// <summary>The member role in that account.</summary>
    public string MemberRoleArn(string account, string partition = "aws") =>
        $"arn:{partition}:iam::{account}:role{MemberStackNames.RolePath}{MemberRoleName}";

    /// <summary>Reads and validates the variables; every error names its variable.</summary>
    public static AccountSettings Load(EnvironmentReader env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var members = env.List("MEMBER_ACCOUNTS");
        var any = members.Contains("*", StringComparer.Ordinal);
        if (any && members.Count > 1)
        {
            throw new SettingsException("Environment variable MEMBER_ACCOUNTS must be either * or a list of account ids, not both.");
        }
        var roleName = env.Optional("MEMBER_ROLE_NAME") ?? DefaultMemberRoleName;
        // IAM role names: 1-64 of [\w+=,.@-] (IAM API Reference, CreateRole RoleName).
        if (roleName.Length > 64 || !roleName.All(c => char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c, StringComparison.Ordinal)))
        {
            throw new SettingsException($"Environment variable MEMBER_ROLE_NAME='{roleName}' must be an IAM role name (up to 64 of letters, digits and _+=,.@-).");
        }
        return new AccountSettings
        {
            Members = Ids(env, "MEMBER_ACCOUNTS", any ? [] : members),
            AnyOrganizationAccount = any,
            MemberRoleName = roleName,
            DryRun = Ids(env, "DRY_RUN_ACCOUNTS", env.List("DRY_RUN_ACCOUNTS")),
            Exempt = Ids(env, "EXEMPT_ACCOUNTS", env.List("EXEMPT_ACCOUNTS")),
        };
    }

    private static HashSet<string> Ids(EnvironmentReader env, string name, IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            if (!IsAccountId(value))
            {
                throw new SettingsException($"Environment variable {name}='{env.Optional(name)}' must list 12-digit AWS account ids; '{value}' is not one.");
            }
        }
        return new HashSet<string>(values, StringComparer.Ordinal);
    }

    /// <summary>True for a 12-digit account id.</summary>
    public static bool IsAccountId(string? value) => value is { Length: 12 } && value.All(char.IsAsciiDigit);
}
