namespace Remediation.Core.Events;

/// <summary>The EventBridge <c>detail-type</c> values the parser accepts (docs/aws-reference.md §A1–A4).</summary>
public static class DetailTypes
{
    /// <summary>A GuardDuty finding.</summary>
    public const string GuardDutyFinding = "GuardDuty Finding";

    /// <summary>A GuardDuty Malware Protection for S3 object scan result.</summary>
    public const string MalwareObjectScanResult = "GuardDuty Malware Protection Object Scan Result";

    /// <summary>A CloudTrail management event.</summary>
    public const string CloudTrailApiCall = "AWS API Call via CloudTrail";

    /// <summary>An AWS Config rule compliance change.</summary>
    public const string ConfigComplianceChange = "Config Rules Compliance Change";

    /// <summary>A Macie finding (source aws.macie).</summary>
    public const string MacieFinding = "Macie Finding";
    /// <summary>An AWS Health event (source aws.health).</summary>
    public const string HealthEvent = "AWS Health Event";

    /// <summary>A schedule rule's delivery (source aws.events): a function's own scheduled work.</summary>
    public const string ScheduledEvent = "Scheduled Event";
}
