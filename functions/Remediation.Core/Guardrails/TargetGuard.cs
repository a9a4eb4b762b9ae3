using Remediation.Core.Configuration;

namespace Remediation.Core.Guardrails;

/// <summary>Per-ARN checks shared by the finding and action guardrails.</summary>
public static class TargetGuard
{
    /// <summary>Roles AWS manages; PutRolePolicy answers UnmodifiableEntity (docs/aws-reference.md §B2).</summary>
    private const string ServiceLinkedRolePath = ":role/aws-service-role/";

    /// <summary>Roles IAM Identity Center creates; they can only be changed through Identity Center (docs/aws-reference.md §B2).</summary>
    private const string IdentityCenterRolePath = ":role/aws-reserved/sso.amazonaws.com/";

    /// <summary>Why this ARN must not be touched, or null.</summary>
    public static async Task<string?> ObjectionAsync(string arn, RemediationSettings settings, ITagLookup tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(arn);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tags);
        var fixedObjection = StaticObjection(arn, settings);
        if (fixedObjection is not null)
        {
            return fixedObjection;
        }
        var tagSet = await tags.GetTagsAsync(arn, ct);
        return tagSet.TryGetValue(RemediationSettings.ExemptTagKey, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)
            ? $"{arn} carries the tag {RemediationSettings.ExemptTagKey}=true"
            : null;
    }

    /// <summary>The checks that need no AWS call.</summary>
    public static string? StaticObjection(string arn, RemediationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(arn);
        ArgumentNullException.ThrowIfNull(settings);
        if (arn.Contains(ServiceLinkedRolePath, StringComparison.Ordinal))
        {
            return $"{arn} is a service-linked role, which AWS does not let us change";
        }
        if (arn.Contains(IdentityCenterRolePath, StringComparison.Ordinal))
        {
            return $"{arn} is an IAM Identity Center role; revoke it in Identity Center";
        }
        if (ArnPattern.FirstMatch(settings.ProtectedRolePatterns, arn) is { } own)
        {
            return $"{arn} is one of this stack's own roles ({own})";
        }
        if (ArnPattern.FirstMatch(settings.ExemptPrincipalPatterns, arn) is { } exempt)
        {
            return $"{arn} is exempt by pattern {exempt}";
        }
        return null;
    }
}
