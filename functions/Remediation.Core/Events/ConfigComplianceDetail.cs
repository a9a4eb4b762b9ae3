using System.Text.Json.Serialization;

namespace Remediation.Core.Events;

// The "Config Rules Compliance Change" detail (docs/aws-reference.md §A4). Timestamps stay strings:
// orderingTimestamp is part of the dedupe key and must be kept verbatim.

internal sealed record ConfigComplianceDetail
{
    [JsonPropertyName("resourceId")] public string? ResourceId { get; init; }
    [JsonPropertyName("resourceType")] public string? ResourceType { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }
    [JsonPropertyName("awsAccountId")] public string? AwsAccountId { get; init; }
    [JsonPropertyName("configRuleName")] public string? ConfigRuleName { get; init; }
    [JsonPropertyName("configRuleARN")] public string? ConfigRuleArn { get; init; }
    [JsonPropertyName("messageType")] public string? MessageType { get; init; }
    [JsonPropertyName("recordVersion")] public string? RecordVersion { get; init; }
    [JsonPropertyName("newEvaluationResult")] public ConfigEvaluationResult? NewEvaluationResult { get; init; }

    // Absent on the first evaluation of a resource.
    [JsonPropertyName("oldEvaluationResult")] public ConfigEvaluationResult? OldEvaluationResult { get; init; }
    [JsonPropertyName("notificationCreationTime")] public string? NotificationCreationTime { get; init; }
}

internal sealed record ConfigEvaluationResult
{
    [JsonPropertyName("evaluationResultIdentifier")] public ConfigEvaluationResultIdentifier? EvaluationResultIdentifier { get; init; }
    [JsonPropertyName("complianceType")] public string? ComplianceType { get; init; }
    [JsonPropertyName("resultRecordedTime")] public string? ResultRecordedTime { get; init; }
    [JsonPropertyName("configRuleInvokedTime")] public string? ConfigRuleInvokedTime { get; init; }
    [JsonPropertyName("annotation")] public string? Annotation { get; init; }
}

internal sealed record ConfigEvaluationResultIdentifier
{
    [JsonPropertyName("evaluationResultQualifier")] public ConfigEvaluationResultQualifier? EvaluationResultQualifier { get; init; }
    [JsonPropertyName("orderingTimestamp")] public string? OrderingTimestamp { get; init; }
}

internal sealed record ConfigEvaluationResultQualifier
{
    [JsonPropertyName("configRuleName")] public string? ConfigRuleName { get; init; }
    [JsonPropertyName("resourceType")] public string? ResourceType { get; init; }
    [JsonPropertyName("resourceId")] public string? ResourceId { get; init; }
}
