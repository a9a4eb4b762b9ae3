using System.Text.Json.Serialization;

namespace Remediation.Core.Events;

// The "Macie Finding" detail: the Macie v2 finding, camelCase (docs/aws-reference.md §A5; Macie API Finding type).
// Only the members the normalizer reads are typed.

internal sealed record MacieFindingDetail
{
    [JsonPropertyName("schemaVersion")] public string? SchemaVersion { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("partition")] public string? Partition { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("severity")] public MacieSeverity? Severity { get; init; }
    [JsonPropertyName("updatedAt")] public string? UpdatedAt { get; init; } // text: see EventTimes
    [JsonPropertyName("sample")] public bool? Sample { get; init; }
    [JsonPropertyName("resourcesAffected")] public MacieResourcesAffected? ResourcesAffected { get; init; }
    [JsonPropertyName("classificationDetails")] public MacieClassificationDetails? ClassificationDetails { get; init; }
}

internal sealed record MacieSeverity
{
    // 1-3 with description Low | Medium | High.
    [JsonPropertyName("score")] public double? Score { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
}

internal sealed record MacieResourcesAffected
{
    [JsonPropertyName("s3Bucket")] public MacieS3Bucket? S3Bucket { get; init; }
    [JsonPropertyName("s3Object")] public MacieS3Object? S3Object { get; init; }
}

internal sealed record MacieS3Bucket
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
}

internal sealed record MacieS3Object
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("versionId")] public string? VersionId { get; init; }
    [JsonPropertyName("eTag")] public string? ETag { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }
}

internal sealed record MacieClassificationDetails
{
    [JsonPropertyName("result")] public MacieClassificationResult? Result { get; init; }
}

internal sealed record MacieClassificationResult
{
    [JsonPropertyName("sensitiveData")] public IReadOnlyList<MacieSensitiveData?>? SensitiveData { get; init; }
}

internal sealed record MacieSensitiveData
{
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("totalCount")] public long? TotalCount { get; init; }
    [JsonPropertyName("detections")] public IReadOnlyList<MacieDetection?>? Detections { get; init; }
}

internal sealed record MacieDetection
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("count")] public long? Count { get; init; }
}
