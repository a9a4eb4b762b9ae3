using Remediation.Actions.S3Quarantine;

namespace Remediation.QuarantineS3Object;

/// <summary>The exact object version a finding names, and why it is bad.</summary>
/// <param name="Bucket">Source bucket.</param>
/// <param name="Key">Source key (exact, unencoded).</param>
/// <param name="VersionId">Version id, "null" when the event names none (unversioned bucket).</param>
/// <param name="ETag">The ETag the event names, or empty.</param>
/// <param name="Threats">Threat names (malware) or sensitive-data types (Macie).</param>
/// <param name="IsSensitiveData">A Macie sensitive-data finding rather than malware.</param>
public sealed record QuarantineTarget(string Bucket, string Key, string VersionId, string ETag, IReadOnlyList<string> Threats, bool IsSensitiveData)
{
    /// <summary>The object's ARN (the target of every object action).</summary>
    public string Arn => $"arn:aws:s3:::{Bucket}/{Key}";

    /// <summary>"s3://bucket/key".</summary>
    public string Uri => $"s3://{Bucket}/{Key}";

    /// <summary>"s3://bucket/key (version v)" or "(unversioned)".</summary>
    public string Display => VersionId == QuarantineParameters.NullVersion ? $"{Uri} (unversioned)" : $"{Uri} (version {VersionId})";

    /// <summary>The evidence key in the quarantine bucket: "&lt;source-bucket&gt;/&lt;key&gt;".</summary>
    public string QuarantineKey => Bucket + "/" + Key;

    /// <summary>The target of a finding, or why it has none we act on.</summary>
    public static (QuarantineTarget? Target, string? Reason) From(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        // Malware scan results and GuardDuty's Object:S3/MaliciousFile both carry the scanned version as a MalwareScan.
        if (finding.Scan is { } scan)
        {
            return scan.ResultStatus == "THREATS_FOUND"
                ? (new QuarantineTarget(scan.Bucket, scan.Key, scan.VersionId ?? QuarantineParameters.NullVersion, scan.ETag ?? "", scan.Threats, false), null)
                : (null, $"malware scan result {scan.ResultStatus}: nothing to quarantine");
        }
        if (finding.Resource is not { Kind: ResourceKind.S3Object } resource
            || !resource.Attributes.TryGetValue("bucket", out var bucket)
            || !resource.Attributes.TryGetValue("key", out var key))
        {
            return (null, $"{finding.Type} names no S3 object version");
        }
        var versionId = resource.Attributes.GetValueOrDefault("versionId") ?? QuarantineParameters.NullVersion;
        var eTag = resource.Attributes.GetValueOrDefault("eTag") ?? "";
        var sensitive = finding.Type.StartsWith("SensitiveData:S3Object/", StringComparison.Ordinal);
        IReadOnlyList<string> threats = finding.Scan?.Threats
            ?? (resource.Attributes.GetValueOrDefault("sensitiveData") is { } data ? [data] : [finding.Type]);
        return (new QuarantineTarget(bucket, key, versionId, eTag, threats.Count > 0 ? threats : [finding.Type], sensitive), null);
    }
}
