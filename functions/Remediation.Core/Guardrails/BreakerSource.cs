namespace Remediation.Core.Guardrails;

/// <summary>
/// Who or what caused an incident, for the breaker's per-source share: the bucket of an object finding (uploads of
/// test files to one bucket must not use up the budget for real malware elsewhere), else the actor principal (one role
/// creating keys for many users), else the finding type. The names come from the parsed event, used only as a
/// budget key, never as a target.
/// </summary>
public static class BreakerSource
{
    /// <summary>The source key.</summary>
    public static string Of(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Scan is { } scan)
        {
            return "bucket " + scan.Bucket;
        }
        if (finding.Resource is { Kind: ResourceKind.S3Object or ResourceKind.S3Bucket } r && r.Attributes.TryGetValue("bucket", out var bucket))
        {
            return "bucket " + bucket;
        }
        if (finding.Principal is { } p && (p.Arn ?? p.PrincipalId) is { Length: > 0 } who)
        {
            return "principal " + who;
        }
        return "finding type " + finding.Type;
    }
}
