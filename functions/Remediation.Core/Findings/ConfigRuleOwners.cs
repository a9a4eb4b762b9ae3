namespace Remediation.Core.Findings;

/// <summary>
/// The AWS Config managed rules a remediation function acts on, by function. Conformance packs and Security Hub
/// deploy them under longer names (a prefix such as <c>securityhub-</c>, a suffix with a random id), so a rule
/// belongs to a function when its name contains the managed rule's identifier.
/// </summary>
public static class ConfigRuleOwners
{
    /// <summary>StopTrainingJob's notebook rules.</summary>
    public static readonly IReadOnlyList<string> NotebookRules =
        ["sagemaker-notebook-no-direct-internet-access", "sagemaker-notebook-instance-inside-vpc"];

    /// <summary>RotateKeys' access-key rules; their resourceId is the IAM user id.</summary>
    public static readonly IReadOnlyList<string> AccessKeyRules = ["access-keys-rotated", "iam-user-unused-credentials-check"];

    /// <summary>RotateKeys' KMS rotation rule.</summary>
    public const string KmsRotationRule = "cmk-backing-key-rotation-enabled";

    /// <summary>True when the rule is one of the notebook rules.</summary>
    public static bool IsNotebookRule(string ruleName) => NotebookRules.Any(r => Contains(ruleName, r));

    /// <summary>True when the rule is one of the access-key rules.</summary>
    public static bool IsAccessKeyRule(string ruleName) => AccessKeyRules.Any(r => Contains(ruleName, r));

    /// <summary>True when the rule is the KMS rotation rule.</summary>
    public static bool IsKmsRotationRule(string ruleName) => Contains(ruleName, KmsRotationRule);

    /// <summary>The function that acts on this rule, or null when only Notify reports it.</summary>
    public static string? OwnerOf(string ruleName)
    {
        ArgumentNullException.ThrowIfNull(ruleName);
        return IsNotebookRule(ruleName) ? "StopTrainingJob"
            : IsAccessKeyRule(ruleName) || IsKmsRotationRule(ruleName) ? "RotateKeys"
            : null;
    }

    private static bool Contains(string ruleName, string identifier) => ruleName.Contains(identifier, StringComparison.Ordinal);
}
