using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remediation.Core.Events;

// The "GuardDuty Finding" detail (docs/aws-reference.md §A1). Only the members the normalizer reads are typed;
// everything else is ignored, and free-form parts (additionalInfo, affectedResources) stay raw.

internal sealed record GuardDutyFindingDetail
{
    [JsonPropertyName("schemaVersion")] public string? SchemaVersion { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("partition")] public string? Partition { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("severity")] public double? Severity { get; init; }
    [JsonPropertyName("updatedAt")] public string? UpdatedAt { get; init; } // text: see EventTimes
    [JsonPropertyName("resource")] public GuardDutyResource? Resource { get; init; }
    [JsonPropertyName("service")] public GuardDutyService? Service { get; init; }
}

internal sealed record GuardDutyResource
{
    [JsonPropertyName("resourceType")] public string? ResourceType { get; init; }
    [JsonPropertyName("accessKeyDetails")] public GuardDutyAccessKeyDetails? AccessKeyDetails { get; init; }
    [JsonPropertyName("s3BucketDetails")] public IReadOnlyList<GuardDutyS3BucketDetails?>? S3BucketDetails { get; init; }
    [JsonPropertyName("instanceDetails")] public GuardDutyInstanceDetails? InstanceDetails { get; init; }
    // Named by the finding types of Lambda, RDS, EKS and ECS protection (GuardDuty API reference, Resource).
    [JsonPropertyName("lambdaDetails")] public JsonElement LambdaDetails { get; init; }
    [JsonPropertyName("rdsDbInstanceDetails")] public JsonElement RdsDbInstanceDetails { get; init; }
    [JsonPropertyName("eksClusterDetails")] public JsonElement EksClusterDetails { get; init; }
    [JsonPropertyName("ecsClusterDetails")] public JsonElement EcsClusterDetails { get; init; }
}

internal sealed record GuardDutyAccessKeyDetails
{
    [JsonPropertyName("accessKeyId")] public string? AccessKeyId { get; init; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; init; }
    [JsonPropertyName("userName")] public string? UserName { get; init; }
    [JsonPropertyName("userType")] public string? UserType { get; init; }
}

internal sealed record GuardDutyS3BucketDetails
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("s3ObjectDetails")] public IReadOnlyList<GuardDutyS3ObjectDetails?>? S3ObjectDetails { get; init; }
}

internal sealed record GuardDutyS3ObjectDetails
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("versionId")] public string? VersionId { get; init; }
    [JsonPropertyName("eTag")] public string? ETag { get; init; }
}

internal sealed record GuardDutyInstanceDetails
{
    [JsonPropertyName("instanceId")] public string? InstanceId { get; init; }
}

internal sealed record GuardDutyService
{
    [JsonPropertyName("action")] public GuardDutyAction? Action { get; init; }
    [JsonPropertyName("additionalInfo")] public JsonElement AdditionalInfo { get; init; }

    // TARGET (the resource was acted on, e.g. brute-forced) or ACTOR (it acted).
    [JsonPropertyName("resourceRole")] public string? ResourceRole { get; init; }

    // How many times GuardDuty observed the activity; above 1 the event is an update of a finding already published.
    // Raw, so an odd value cannot fail the parse.
    [JsonPropertyName("count")] public JsonElement Count { get; init; }

    // Malware Protection findings (Object:S3/MaliciousFile) name the threats here; kept raw so odd shapes cannot fail the parse.
    [JsonPropertyName("malwareScanDetails")] public JsonElement MalwareScanDetails { get; init; }
}

internal sealed record GuardDutyAction
{
    [JsonPropertyName("actionType")] public string? ActionType { get; init; }
    [JsonPropertyName("awsApiCallAction")] public GuardDutyAwsApiCallAction? AwsApiCallAction { get; init; }
}

internal sealed record GuardDutyAwsApiCallAction
{
    [JsonPropertyName("api")] public string? Api { get; init; }
    [JsonPropertyName("serviceName")] public string? ServiceName { get; init; }

    // Documented as a string map ({"AWS::S3::Bucket": "name"}); kept raw so odd values cannot fail the parse.
    [JsonPropertyName("affectedResources")] public JsonElement AffectedResources { get; init; }
}
