using System.Text.Json;

namespace Remediation.Core.Findings;

/// <summary>Where a finding came from.</summary>
public enum FindingSource
{
    /// <summary>A GuardDuty finding ("GuardDuty Finding").</summary>
    GuardDuty,
    /// <summary>A GuardDuty Malware Protection for S3 scan result.</summary>
    MalwareScan,
    /// <summary>A CloudTrail API call delivered through EventBridge.</summary>
    CloudTrail,
    /// <summary>An AWS Config rule compliance change.</summary>
    Config,
    /// <summary>An Amazon Macie finding ("Macie Finding").</summary>
    Macie,
    /// <summary>An AWS Health event ("AWS Health Event"), e.g. AWS_RISK_CREDENTIALS_EXPOSED.</summary>
    Health,
    /// <summary>A function's own scheduled work (an EventBridge "Scheduled Event"), e.g. RotateKeys' sweep.</summary>
    Schedule,
}

/// <summary>
/// What happened, to whom, how bad: the normalized form of every event the functions accept.
/// Playbooks and guardrails read only this; the raw detail is kept for reporting.
/// </summary>
/// <param name="Source">The event source.</param>
/// <param name="EventId">The EventBridge envelope id.</param>
/// <param name="FindingId">GuardDuty finding id, CloudTrail eventID, Config rule+resource, or bucket/key/version.</param>
/// <param name="DedupeKey">The idempotency key (docs/architecture.md §dedupe).</param>
/// <param name="Type">Finding type, CloudTrail event name ("iam:AttachUserPolicy"), Config rule name, or scan result.</param>
/// <param name="Title">One human line about what happened.</param>
/// <param name="Severity">Score and label.</param>
/// <param name="AccountId">The account the event is about.</param>
/// <param name="Region">The region the event came from.</param>
/// <param name="Time">When it happened (finding updatedAt, eventTime, notification time).</param>
/// <param name="IsSample">GuardDuty sample findings (additionalInfo.sample = true) and Macie/other samples.</param>
/// <param name="Principal">The actor or the compromised identity, when the event names one.</param>
/// <param name="Resource">The exact resource the event names, when any.</param>
/// <param name="ApiCall">CloudTrail specifics, for CloudTrail events.</param>
/// <param name="Compliance">Config specifics, for Config events.</param>
/// <param name="Scan">Malware scan specifics, for scan results.</param>
/// <param name="Detail">The raw detail object, for reporting only.</param>
public sealed record Finding(
    FindingSource Source,
    string EventId,
    string FindingId,
    string DedupeKey,
    string Type,
    string Title,
    Severity Severity,
    string AccountId,
    string Region,
    DateTimeOffset Time,
    bool IsSample,
    Principal? Principal,
    ResourceRef? Resource,
    ApiCall? ApiCall,
    ComplianceChange? Compliance,
    MalwareScan? Scan,
    JsonElement Detail)
{
    /// <summary>The event as delivered, kept with a held incident so an operator's release can deliver it again.</summary>
    public string? RawEvent { get; init; }

    /// <summary>
    /// An update of a finding its source published before (GuardDuty service.count above 1): most likely an incident
    /// already claimed, so the claim is made before any other read rather than beside them.
    /// </summary>
    public bool Republished { get; init; }
}

/// <summary>The kinds of identity an event can name.</summary>
public enum PrincipalKind
{
    /// <summary>An IAM user (long-term or GetSessionToken credentials).</summary>
    IamUser,
    /// <summary>A session of an IAM role; <see cref="Principal.Name"/> is the role name.</summary>
    AssumedRole,
    /// <summary>The account root user.</summary>
    Root,
    /// <summary>A GetFederationToken / SAML / web-identity user.</summary>
    Federated,
    /// <summary>An AWS service acting on its own.</summary>
    AwsService,
    /// <summary>Anything else; never remediated.</summary>
    Unknown,
}

/// <summary>An identity named by an event.</summary>
/// <param name="Kind">User, assumed role, root, ...</param>
/// <param name="AccountId">The account the principal belongs to.</param>
/// <param name="Name">IAM user name, or the role name for an assumed role.</param>
/// <param name="Arn">The IAM ARN of the user or role (not the STS session ARN).</param>
/// <param name="PrincipalId">AIDA…/AROA…:session as the event gives it.</param>
/// <param name="SessionName">The role session name; an EC2 instance id for instance roles.</param>
/// <param name="AccessKeyId">The access key the event names.</param>
public sealed record Principal(
    PrincipalKind Kind,
    string AccountId,
    string? Name,
    string? Arn,
    string? PrincipalId,
    string? SessionName,
    string? AccessKeyId)
{
    /// <summary>EC2 instance roles use the instance id as the session name.</summary>
    public string? Ec2InstanceId =>
        Kind == PrincipalKind.AssumedRole && SessionName is { } s && s.StartsWith("i-", StringComparison.Ordinal) ? s : null;
}

/// <summary>The kinds of resource an event can name.</summary>
public enum ResourceKind
{
    /// <summary>An IAM access key.</summary>
    AccessKey,
    /// <summary>A SageMaker training job.</summary>
    TrainingJob,
    /// <summary>A SageMaker processing job.</summary>
    ProcessingJob,
    /// <summary>One S3 object version.</summary>
    S3Object,
    /// <summary>An S3 bucket.</summary>
    S3Bucket,
    /// <summary>A KMS key.</summary>
    KmsKey,
    /// <summary>An IAM user.</summary>
    IamUser,
    /// <summary>An IAM role.</summary>
    IamRole,
    /// <summary>An EC2 instance (GuardDuty resourceType Instance).</summary>
    Ec2Instance,
    /// <summary>Any other resource type (kept as the event gives it).</summary>
    Other,
}

/// <summary>The exact resource an event names.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Id">Key id, job name, "bucket/key", key id, user id...</param>
/// <param name="Arn">The ARN when known.</param>
/// <param name="Attributes">Extra identifying fields (bucket, key, versionId, awsType, ...).</param>
public sealed record ResourceRef(ResourceKind Kind, string Id, string? Arn, IReadOnlyDictionary<string, string> Attributes);

/// <summary>CloudTrail call specifics.</summary>
/// <param name="EventSource">"iam.amazonaws.com".</param>
/// <param name="EventName">"AttachUserPolicy".</param>
/// <param name="ErrorCode">Set when the call failed or was denied.</param>
/// <param name="RequestParameters">requestParameters (shape drifts between versions; read defensively).</param>
/// <param name="ResponseElements">responseElements.</param>
/// <param name="UserAgent">The caller's user agent.</param>
/// <param name="SourceIp">sourceIPAddress.</param>
public sealed record ApiCall(
    string EventSource,
    string EventName,
    string? ErrorCode,
    JsonElement RequestParameters,
    JsonElement ResponseElements,
    string? UserAgent,
    string? SourceIp);

/// <summary>Config rule compliance change specifics.</summary>
/// <param name="RuleName">configRuleName.</param>
/// <param name="ResourceType">"AWS::IAM::User".</param>
/// <param name="ResourceId">resourceId (for IAM users the user id AIDA…, not the name).</param>
/// <param name="ComplianceType">NON_COMPLIANT, COMPLIANT, ...</param>
/// <param name="OldComplianceType">The previous compliance type, when given.</param>
/// <param name="OrderingTimestamp">newEvaluationResult.resultRecordedTime / orderingTimestamp.</param>
public sealed record ComplianceChange(
    string RuleName,
    string ResourceType,
    string ResourceId,
    string ComplianceType,
    string? OldComplianceType,
    string OrderingTimestamp);

/// <summary>Malware Protection for S3 scan specifics.</summary>
/// <param name="Bucket">bucketName.</param>
/// <param name="Key">objectKey.</param>
/// <param name="VersionId">versionId (null for unversioned buckets).</param>
/// <param name="ETag">eTag.</param>
/// <param name="ScanStatus">COMPLETED | SKIPPED | FAILED.</param>
/// <param name="ResultStatus">THREATS_FOUND, NO_THREATS_FOUND, ...</param>
/// <param name="Threats">Threat names (empty when none).</param>
public sealed record MalwareScan(
    string Bucket,
    string Key,
    string? VersionId,
    string? ETag,
    string ScanStatus,
    string ResultStatus,
    IReadOnlyList<string> Threats);
