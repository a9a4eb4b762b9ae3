namespace Remediation.Core.Findings;

/// <summary>
/// The GuardDuty finding families about a compromised EC2 instance that IsolateInstance contains, by type prefix
/// (GuardDuty User Guide, "Finding types": EC2 finding types,
/// https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-ec2.html; Runtime Monitoring finding types,
/// https://docs.aws.amazon.com/guardduty/latest/ug/findings-runtime-monitoring.html, whose resourceType is Instance on
/// EC2; Malware Protection for EC2, Execution:EC2/MaliciousFile). template.yaml's IsolateInstance rule lists the same
/// prefixes (checked by a test); Notify disregards these findings at or above the isolation threshold.
/// </summary>
public static class IsolationFamilies
{
    /// <summary>The type prefixes, in the rule's order.</summary>
    public static readonly IReadOnlyList<string> Prefixes =
    [
        "CryptoCurrency:EC2/", "Backdoor:EC2/", "Trojan:EC2/", "UnauthorizedAccess:EC2/", "Execution:EC2/",
        "CryptoCurrency:Runtime/", "Backdoor:Runtime/", "Trojan:Runtime/", "Execution:Runtime/",
    ];

    /// <summary>True for an instance finding of one of the families.</summary>
    public static bool Covers(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding is { Source: FindingSource.GuardDuty, Resource.Kind: ResourceKind.Ec2Instance }
            && Prefixes.Any(p => finding.Type.StartsWith(p, StringComparison.Ordinal));
    }
}
