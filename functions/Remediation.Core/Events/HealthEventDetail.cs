using System.Text.Json.Serialization;

namespace Remediation.Core.Events;

// The "AWS Health Event" detail. Field names per the AWS Health EventBridge schema
// (https://docs.aws.amazon.com/health/latest/ug/aws-health-events-eventbridge-schema.html) and the
// AffectedEntity API type (https://docs.aws.amazon.com/health/latest/APIReference/API_AffectedEntity.html).
// For AWS_RISK_CREDENTIALS_EXPOSED, affectedEntities[].entityValue is the exposed access key id.
// Times stay strings: older events use RFC 1123 ("Sat, 05 Jun 2016 15:10:09 GMT"), newer ones ISO 8601.

internal sealed record HealthEventDetail
{
    [JsonPropertyName("eventArn")] public string? EventArn { get; init; }
    [JsonPropertyName("service")] public string? Service { get; init; }
    [JsonPropertyName("eventTypeCode")] public string? EventTypeCode { get; init; }
    [JsonPropertyName("eventTypeCategory")] public string? EventTypeCategory { get; init; }
    [JsonPropertyName("eventScopeCode")] public string? EventScopeCode { get; init; }
    [JsonPropertyName("startTime")] public string? StartTime { get; init; }
    [JsonPropertyName("lastUpdatedTime")] public string? LastUpdatedTime { get; init; }
    [JsonPropertyName("statusCode")] public string? StatusCode { get; init; }
    [JsonPropertyName("eventRegion")] public string? EventRegion { get; init; }
    [JsonPropertyName("affectedAccount")] public string? AffectedAccount { get; init; }
    [JsonPropertyName("eventDescription")] public IReadOnlyList<HealthEventDescription>? EventDescription { get; init; }
    [JsonPropertyName("affectedEntities")] public IReadOnlyList<HealthAffectedEntity>? AffectedEntities { get; init; }
}

internal sealed record HealthEventDescription
{
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("latestDescription")] public string? LatestDescription { get; init; }
}

internal sealed record HealthAffectedEntity
{
    [JsonPropertyName("entityValue")] public string? EntityValue { get; init; }
    [JsonPropertyName("entityArn")] public string? EntityArn { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("lastUpdatedTime")] public string? LastUpdatedTime { get; init; }
}
