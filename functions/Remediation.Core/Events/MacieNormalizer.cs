using System.Globalization;

namespace Remediation.Core.Events;

/// <summary>"Macie Finding" → <see cref="Finding"/> (docs/aws-reference.md §A5).</summary>
internal static class MacieNormalizer
{
    public static Finding Normalize(EnvelopeFacts envelope, MacieFindingDetail detail)
    {
        var id = Required.String(detail.Id, "detail.id");
        var type = Required.String(detail.Type, "detail.type");
        var severity = Required.Object(detail.Severity, "detail.severity");
        var affected = Required.Object(detail.ResourcesAffected, "detail.resourcesAffected");
        var bucket = Required.String(affected.S3Bucket?.Name, "detail.resourcesAffected.s3Bucket.name");
        var region = detail.Region ?? envelope.Region;
        var partition = detail.Partition ?? Arns.PartitionOf(region);
        var obj = affected.S3Object;
        var resource = obj?.Key is { Length: > 0 } key
            ? new ResourceRef(ResourceKind.S3Object, bucket + "/" + key, Arns.S3Object(partition, bucket, key),
                ResourceAttributes.Of(("bucket", bucket), ("key", key), ("versionId", obj.VersionId), ("eTag", obj.ETag),
                    ("sensitiveData", SensitiveData(detail.ClassificationDetails?.Result))))
            : new ResourceRef(ResourceKind.S3Bucket, bucket, affected.S3Bucket?.Arn ?? Arns.S3Bucket(partition, bucket),
                ResourceAttributes.Of(("bucket", bucket)));
        return new Finding(
            FindingSource.Macie,
            envelope.Id,
            id,
            "macie:" + id,
            type,
            detail.Title ?? type,
            new Severity(Score(severity)),
            detail.AccountId ?? envelope.Account,
            region,
            EventTimes.Or(detail.UpdatedAt, envelope.Time),
            detail.Sample == true,
            Principal: null,
            resource,
            ApiCall: null,
            Compliance: null,
            Scan: null,
            envelope.Detail);
    }

    // Macie scores 1-3 (Low, Medium, High); placed in the middle of GuardDuty's bands so MIN_SEVERITY reads the same.
    private static double Score(MacieSeverity severity) => severity.Description?.ToUpperInvariant() switch
    {
        "CRITICAL" => 9,
        "HIGH" => 8,
        "MEDIUM" => 5,
        "LOW" => 2,
        _ => severity.Score switch
        {
            >= 3 => 8,
            >= 2 => 5,
            { } => 2,
            null => throw InvalidEventException.Missing("detail.severity.description"),
        },
    };

    /// <summary>"PERSONAL_INFORMATION: USA_SOCIAL_SECURITY_NUMBER (37), NAME (12)".</summary>
    private static string? SensitiveData(MacieClassificationResult? result)
    {
        var parts = (result?.SensitiveData ?? []).OfType<MacieSensitiveData>()
            .Select(d => (d.Category ?? "UNKNOWN") + ": " + string.Join(", ",
                (d.Detections ?? []).OfType<MacieDetection>().Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Type} ({x.Count ?? 0})"))))
            .ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
