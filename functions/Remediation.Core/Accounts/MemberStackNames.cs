namespace Remediation.Core.Accounts;

/// <summary>
/// The names member-template.yaml gives the resources the functions use in a member account. A StackSet names each
/// member's stack itself, so these names are fixed rather than derived from a stack name; MemberTemplateTests checks
/// the template uses exactly these.
/// </summary>
public static class MemberStackNames
{
    /// <summary>The IAM path of the member stack's roles (the central PROTECTED_ROLE_PATTERNS cover it in every account).</summary>
    public const string RolePath = "/remediation/";

    /// <summary>The member's deny-all managed policy, under <see cref="RolePath"/>.</summary>
    public const string DenyAllPolicyName = "RemediationMemberDenyAll";

    /// <summary>The alias of the member's quarantine key.</summary>
    public const string QuarantineKeyAlias = "alias/remediation-quarantine";

    /// <summary>The alias of the key that encrypts rotated access keys in the member's Parameter Store.</summary>
    public const string RotationKeyAlias = "alias/remediation-rotation";

    /// <summary>The member's deny-all policy ARN.</summary>
    public static string DenyAllPolicyArn(string account, string partition = "aws") =>
        $"arn:{partition}:iam::{account}:policy{RolePath}{DenyAllPolicyName}";

    /// <summary>The member's Object Lock quarantine bucket (bucket names are global, so account and region are in it).</summary>
    public static string QuarantineBucket(string account, string region) => $"remediation-quarantine-{account}-{region}";

    /// <summary>
    /// The function's environment for work in a member account: the variables that name central resources name the
    /// member stack's instead; everything else (modes, thresholds, patterns) is the central stack's.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(IReadOnlyDictionary<string, string?> central, string account, string region)
    {
        ArgumentNullException.ThrowIfNull(central);
        var member = new Dictionary<string, string?>(central, StringComparer.Ordinal);
        Replace(member, "DENY_ALL_POLICY_ARN", DenyAllPolicyArn(account));
        Replace(member, "QUARANTINE_BUCKET", QuarantineBucket(account, region));
        Replace(member, "QUARANTINE_KMS_KEY_ARN", $"arn:aws:kms:{region}:{account}:{QuarantineKeyAlias}");
        Replace(member, "ROTATION_KMS_KEY_ID", RotationKeyAlias);
        return member;
    }

    private static void Replace(Dictionary<string, string?> variables, string name, string value)
    {
        if (variables.ContainsKey(name))
        {
            variables[name] = value;
        }
    }
}
