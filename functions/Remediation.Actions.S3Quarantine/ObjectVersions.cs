using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;

namespace Remediation.Actions.S3Quarantine;

/// <summary>What a HEAD of one exact object version says.</summary>
/// <param name="VersionId">The version id, <see cref="QuarantineParameters.NullVersion"/> when unversioned.</param>
/// <param name="Size">Content length.</param>
/// <param name="ETag">ETag without quotes.</param>
/// <param name="ContentType">Content-Type.</param>
/// <param name="Metadata">User metadata, names without the x-amz-meta- prefix.</param>
/// <param name="Checksum">S3's full-object checksum of the version, or null (none, or only a composite one).</param>
public sealed record ObjectVersion(string VersionId, long Size, string ETag, string? ContentType, IReadOnlyDictionary<string, string> Metadata,
    ObjectChecksum? Checksum = null);

/// <summary>The S3 reads the quarantine actions share: exact-version heads, tags, digests.</summary>
public sealed class ObjectVersions(IAmazonS3 s3)
{
    private const string MetaPrefix = "x-amz-meta-";

    /// <summary>The S3 client.</summary>
    public IAmazonS3 S3 => s3;

    /// <summary>HEAD of the exact version (or the current object for the null version); null when it is gone.</summary>
    public async Task<ObjectVersion?> HeadAsync(string bucket, string key, string versionId, CancellationToken ct)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest
            {
                BucketName = bucket,
                Key = key,
                VersionId = Versioned(versionId),
                ChecksumMode = ChecksumMode.ENABLED,
            }, ct);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in head.Metadata.Keys)
            {
                var bare = name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase) ? name[MetaPrefix.Length..] : name;
                metadata[bare.ToLowerInvariant()] = head.Metadata[name];
            }
            return new ObjectVersion(
                string.IsNullOrEmpty(head.VersionId) ? QuarantineParameters.NullVersion : head.VersionId,
                head.ContentLength,
                Unquote(head.ETag),
                head.Headers.ContentType,
                metadata,
                ObjectChecksum.FullObject(head));
        }
        catch (AmazonS3Exception e) when (IsGone(e))
        {
            return null;
        }
    }

    /// <summary>The object's tags (of that version).</summary>
    public async Task<IReadOnlyDictionary<string, string>> TagsAsync(string bucket, string key, string versionId, CancellationToken ct)
    {
        try
        {
            var tags = await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key, VersionId = Versioned(versionId) }, ct);
            return (tags.Tagging ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        }
        catch (AmazonS3Exception e) when (IsGone(e))
        {
            return new Dictionary<string, string>();
        }
    }

    /// <summary>SHA-256 of the version's bytes, streamed: independent of ETag formats (SSE-KMS, multipart).</summary>
    public async Task<ObjectChecksum> Sha256Async(string bucket, string key, string versionId, CancellationToken ct)
    {
        using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, VersionId = Versioned(versionId) }, ct);
        return ObjectChecksum.OfSha256(await SHA256.HashDataAsync(response.ResponseStream, ct));
    }

    /// <summary>Legal hold status of a version ("ON", "OFF"; "OFF" when none was ever set).</summary>
    public async Task<string> LegalHoldAsync(string bucket, string key, string versionId, CancellationToken ct)
    {
        try
        {
            var hold = await s3.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = bucket, Key = key, VersionId = versionId }, ct);
            return hold.LegalHold?.Status?.Value ?? "OFF";
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is AwsErrorCodes.NoSuchObjectLockConfiguration)
        {
            return "OFF";
        }
    }

    /// <summary>
    /// The evidence copy of one source version in the quarantine bucket: the newest version of the evidence key whose
    /// metadata names that source version (and, for unversioned sources, that source ETag). Null when there is none.
    /// </summary>
    public async Task<ObjectVersion?> FindEvidenceAsync(string quarantineBucket, string quarantineKey, string sourceVersionId, string sourceETag, CancellationToken ct)
    {
        var candidates = new List<S3ObjectVersion>();
        string? keyMarker = null;
        string? versionMarker = null;
        do
        {
            var page = await s3.ListVersionsAsync(new ListVersionsRequest
            {
                BucketName = quarantineBucket,
                Prefix = quarantineKey,
                KeyMarker = keyMarker,
                VersionIdMarker = versionMarker,
            }, ct);
            candidates.AddRange((page.Versions ?? []).Where(v => v.Key == quarantineKey && v.IsDeleteMarker != true));
            var more = page.IsTruncated == true;
            keyMarker = more ? page.NextKeyMarker : null;
            versionMarker = more ? page.NextVersionIdMarker : null;
        }
        while (keyMarker is not null);

        foreach (var candidate in candidates.OrderByDescending(v => v.LastModified))
        {
            var head = await HeadAsync(quarantineBucket, quarantineKey, candidate.VersionId, ct);
            if (head is not null
                && head.Metadata.GetValueOrDefault(EvidenceMetadata.SourceVersionId) == sourceVersionId
                && (sourceVersionId != QuarantineParameters.NullVersion || sourceETag.Length == 0
                    || head.Metadata.GetValueOrDefault(EvidenceMetadata.SourceETag) == sourceETag))
            {
                return head;
            }
        }
        return null;
    }

    /// <summary>A version that does not exist (404), or a delete marker (405), is gone.</summary>
    public static bool IsGone(AmazonS3Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed
            || e.ErrorCode is AwsErrorCodes.NoSuchKey or AwsErrorCodes.NoSuchVersion;
    }

    /// <summary>The request's VersionId: none for the null version (an unversioned bucket rejects versionId=null on some calls).</summary>
    public static string? Versioned(string versionId) => versionId == QuarantineParameters.NullVersion ? null : versionId;

    /// <summary>ETag without its quotes.</summary>
    public static string Unquote(string? etag) => (etag ?? "").Trim('"');

    /// <summary>The before-state JSON: the source version's metadata and tags.</summary>
    public static string Describe(string bucket, string key, ObjectVersion version, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(version);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("bucket", bucket);
            w.WriteString("key", key);
            w.WriteString("versionId", version.VersionId);
            w.WriteNumber("size", version.Size);
            w.WriteString("eTag", version.ETag);
            w.WriteString("contentType", version.ContentType);
            w.WriteStartObject("metadata");
            foreach (var (name, value) in version.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                w.WriteString(name, value);
            }
            w.WriteEndObject();
            w.WriteStartObject("tags");
            foreach (var (name, value) in tags.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                w.WriteString(name, value);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>User metadata names written on every evidence copy (S3 stores them as x-amz-meta-&lt;name&gt;).</summary>
public static class EvidenceMetadata
{
    /// <summary>Source bucket.</summary>
    public const string SourceBucket = "quarantine-source-bucket";
    /// <summary>Source key, percent-encoded (metadata values are ASCII).</summary>
    public const string SourceKey = "quarantine-source-key";
    /// <summary>Source version id ("null" when unversioned).</summary>
    public const string SourceVersionId = "quarantine-source-version-id";
    /// <summary>Source ETag.</summary>
    public const string SourceETag = "quarantine-source-etag";
    /// <summary>The source version's full-object checksum ("ALGORITHM:base64", <see cref="ObjectChecksum.Text"/>), known before the copy.</summary>
    public const string SourceChecksum = "quarantine-source-checksum";
    /// <summary>Hex SHA-256 of the source, on evidence copied by earlier releases.</summary>
    public const string LegacySourceSha256 = "quarantine-source-sha256";
    /// <summary>The finding that caused the quarantine, percent-encoded.</summary>
    public const string FindingId = "quarantine-finding-id";

    /// <summary>Tag set only once the copy's size and checksum matched the source; its value is the checksum's text.</summary>
    public const string VerifiedTag = "remediation:verified-checksum";
    /// <summary>The verified tag of earlier releases (hex SHA-256).</summary>
    public const string LegacyVerifiedTag = "remediation:verified-sha256";
    /// <summary>Tag naming the source version.</summary>
    public const string SourceVersionTag = "remediation:source-version-id";
    /// <summary>Tag marking quarantined evidence.</summary>
    public const string QuarantinedTag = "remediation:quarantined";

    /// <summary>The source checksum an evidence copy carries (a legacy hex SHA-256 read as SHA256), or null.</summary>
    public static ObjectChecksum? SourceOf(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (ObjectChecksum.Parse(metadata.GetValueOrDefault(SourceChecksum)) is { } checksum)
        {
            return checksum;
        }
        var hex = metadata.GetValueOrDefault(LegacySourceSha256);
        return hex is { Length: 64 } && hex.All(char.IsAsciiHexDigit) ? ObjectChecksum.OfSha256(Convert.FromHexString(hex)) : null;
    }

    /// <summary>True when the copy was verified against the source checksum it carries (by this release or an earlier one).</summary>
    public static bool IsVerified(IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(tags);
        var expected = SourceOf(metadata);
        if (expected is null)
        {
            return false;
        }
        var legacy = metadata.GetValueOrDefault(LegacySourceSha256);
        return tags.GetValueOrDefault(VerifiedTag) == expected.Text
            || (legacy is not null && tags.GetValueOrDefault(LegacyVerifiedTag) == legacy);
    }

    /// <summary>True when the name is one of ours (dropped again when the evidence is restored).</summary>
    public static bool IsOurs(string name) => name.StartsWith("quarantine-", StringComparison.OrdinalIgnoreCase);

    /// <summary>A tag value with the characters S3 tags cannot hold replaced by '_'.</summary>
    public static string TagValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var chars = value.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@' ? c : '_').ToArray();
        var text = new string(chars);
        return text.Length > 256 ? text[..256] : text;
    }
}
