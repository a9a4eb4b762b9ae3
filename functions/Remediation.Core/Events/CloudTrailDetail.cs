using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remediation.Core.Events;

// The "AWS API Call via CloudTrail" detail: a CloudTrail record (docs/aws-reference.md §A3).
// requestParameters/responseElements change shape between event versions, so they stay raw.

internal sealed record CloudTrailDetail
{
    [JsonPropertyName("eventVersion")] public string? EventVersion { get; init; }
    [JsonPropertyName("userIdentity")] public CloudTrailUserIdentity? UserIdentity { get; init; }
    [JsonPropertyName("eventTime")] public string? EventTime { get; init; } // text: see EventTimes
    [JsonPropertyName("eventSource")] public string? EventSource { get; init; }
    [JsonPropertyName("eventName")] public string? EventName { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }
    [JsonPropertyName("sourceIPAddress")] public string? SourceIpAddress { get; init; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; init; }
    [JsonPropertyName("errorCode")] public string? ErrorCode { get; init; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; init; }
    [JsonPropertyName("requestParameters")] public JsonElement RequestParameters { get; init; }
    [JsonPropertyName("responseElements")] public JsonElement ResponseElements { get; init; }
    [JsonPropertyName("requestID")] public string? RequestId { get; init; }
    [JsonPropertyName("eventID")] public string? EventId { get; init; }
    [JsonPropertyName("eventType")] public string? EventType { get; init; }
    [JsonPropertyName("recipientAccountId")] public string? RecipientAccountId { get; init; }
}

internal sealed record CloudTrailUserIdentity
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("accessKeyId")] public string? AccessKeyId { get; init; }
    [JsonPropertyName("userName")] public string? UserName { get; init; }
    [JsonPropertyName("invokedBy")] public string? InvokedBy { get; init; }
    [JsonPropertyName("sessionContext")] public CloudTrailSessionContext? SessionContext { get; init; }
}

internal sealed record CloudTrailSessionContext
{
    // {} for IAM users; the role for assumed roles (docs/aws-reference.md §A3 userIdentity shapes).
    [JsonPropertyName("sessionIssuer")] public CloudTrailSessionIssuer? SessionIssuer { get; init; }
}

internal sealed record CloudTrailSessionIssuer
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("userName")] public string? UserName { get; init; }
}
