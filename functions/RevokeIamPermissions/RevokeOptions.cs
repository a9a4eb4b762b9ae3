using Remediation.Core.Configuration;

namespace Remediation.RevokeIamPermissions;

/// <summary>This function's own settings (template.yaml sets them; the README documents them).</summary>
/// <param name="DenyAllPolicyArn">DENY_ALL_POLICY_ARN: the stack's managed deny-all policy.</param>
/// <param name="InlineDenyAllName">The inline deny-all policy's name, used when the managed one cannot be attached.</param>
/// <param name="DeactivateAllKeys">DEACTIVATE_ALL_KEYS: deactivate every key of a user, not just the one the finding names.</param>
/// <param name="AdminPolicyArns">ADMIN_EQUIVALENT_POLICY_ARNS: managed policies whose attachment is an escalation.</param>
/// <param name="ApprovedAdminPatterns">APPROVED_ADMIN_PATTERNS: ARN globs of principals allowed to grant those.</param>
public sealed record RevokeOptions(
    string DenyAllPolicyArn,
    string InlineDenyAllName,
    bool DeactivateAllKeys,
    IReadOnlyList<string> AdminPolicyArns,
    IReadOnlyList<string> ApprovedAdminPatterns)
{
    /// <summary>The default admin-equivalent managed policies.</summary>
    public static readonly IReadOnlyList<string> DefaultAdminPolicyArns =
    [
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/IAMFullAccess",
        "arn:aws:iam::aws:policy/PowerUserAccess",
    ];

    /// <summary>Name of the inline fallback deny-all policy.</summary>
    public const string DefaultInlineDenyAllName = "RemediationDenyAll";

    /// <summary>Reads and validates the variables; errors name the variable.</summary>
    public static RevokeOptions Load(EnvironmentReader env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var denyAll = env.Required("DENY_ALL_POLICY_ARN");
        if (!denyAll.StartsWith("arn:", StringComparison.Ordinal) || !denyAll.Contains(":policy/", StringComparison.Ordinal))
        {
            throw new SettingsException($"Environment variable DENY_ALL_POLICY_ARN='{denyAll}' must be a managed policy ARN (arn:aws:iam::<account>:policy/<name>).");
        }
        var admin = env.List("ADMIN_EQUIVALENT_POLICY_ARNS");
        return new RevokeOptions(
            denyAll,
            DefaultInlineDenyAllName,
            env.Flag("DEACTIVATE_ALL_KEYS", false),
            admin.Count == 0 ? DefaultAdminPolicyArns : admin,
            env.List("APPROVED_ADMIN_PATTERNS"));
    }
}
