using Amazon.S3;
using Amazon.S3.Model;

namespace Remediation.Actions.S3Quarantine;

/// <summary>Where one exact version goes, and what the new object carries.</summary>
/// <param name="SourceBucket">Source bucket.</param>
/// <param name="SourceKey">Source key.</param>
/// <param name="SourceVersionId">Exact source version ("null": the current object, guarded by <paramref name="SourceETag"/>).</param>
/// <param name="SourceETag">When set, the copy fails unless the source still has this ETag (x-amz-copy-source-if-match).</param>
/// <param name="Size">The source size (decides single or multipart copy).</param>
/// <param name="DestinationBucket">Destination bucket.</param>
/// <param name="DestinationKey">Destination key.</param>
/// <param name="ContentType">Content-Type of the new object.</param>
/// <param name="Metadata">User metadata of the new object (names without the prefix).</param>
/// <param name="Tags">Tags of the new object.</param>
/// <param name="KmsKeyId">SSE-KMS key for the new object, or null for the bucket default.</param>
/// <param name="Checksum">
/// The source's full-object checksum, or null. A single copy is created with its algorithm (or SHA-256 when null), so
/// S3 computes the copy's checksum; a multipart copy with a CRC one is created FULL_OBJECT and S3 validates it on completion.
/// </param>
public sealed record CopySpec(
    string SourceBucket, string SourceKey, string SourceVersionId, string? SourceETag, long Size,
    string DestinationBucket, string DestinationKey, string? ContentType,
    IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, string> Tags, string? KmsKeyId,
    ObjectChecksum? Checksum);

/// <summary>
/// Copies one exact version: CopyObject up to the threshold, UploadPartCopy above it (CopyObject's limit is 5 GB).
/// A failed multipart copy is aborted so no parts are left behind.
/// </summary>
public sealed class VersionCopier(IAmazonS3 s3)
{
    /// <summary>S3's largest single CopyObject, and the default threshold.</summary>
    public const long DefaultMultipartThreshold = 5L * 1024 * 1024 * 1024;

    private const long MinPartSize = 5L * 1024 * 1024;
    private const long MaxPartSize = 512L * 1024 * 1024;
    private const int MaxParts = 10_000;

    /// <summary>Copies and returns the new version id ("null" when the destination is unversioned) and whether multipart was used.</summary>
    public async Task<(string VersionId, bool Multipart, int Parts)> CopyAsync(CopySpec spec, long multipartThreshold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Size <= multipartThreshold)
        {
            var request = new CopyObjectRequest
            {
                SourceBucket = spec.SourceBucket,
                SourceKey = spec.SourceKey,
                SourceVersionId = ObjectVersions.Versioned(spec.SourceVersionId),
                DestinationBucket = spec.DestinationBucket,
                DestinationKey = spec.DestinationKey,
                MetadataDirective = S3MetadataDirective.REPLACE,
                ContentType = spec.ContentType,
                TaggingDirective = TaggingDirective.REPLACE,
                TagSet = [.. spec.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value })],
                ETagToMatch = string.IsNullOrEmpty(spec.SourceETag) ? null : spec.SourceETag,
                // Named explicitly: without it S3 copies the source's checksum value instead of computing the copy's.
                ChecksumAlgorithm = ChecksumAlgorithm.FindValue(spec.Checksum?.Algorithm ?? ObjectChecksum.Sha256),
            };
            Encrypt(request, spec.KmsKeyId);
            foreach (var (name, value) in spec.Metadata)
            {
                request.Metadata.Add(name, value);
            }
            var copied = await s3.CopyObjectAsync(request, ct);
            return (string.IsNullOrEmpty(copied.VersionId) ? QuarantineParameters.NullVersion : copied.VersionId, false, 1);
        }
        return await MultipartAsync(spec, multipartThreshold, ct);
    }

    /// <summary>Part size: the threshold (capped at 512 MiB, at least S3's 5 MiB minimum), grown to stay within 10,000 parts.</summary>
    public static long PartSize(long size, long threshold)
    {
        var part = Math.Clamp(threshold, MinPartSize, MaxPartSize);
        var needed = (size + MaxParts - 1) / MaxParts;
        return Math.Max(part, needed);
    }

    private async Task<(string VersionId, bool Multipart, int Parts)> MultipartAsync(CopySpec spec, long threshold, CancellationToken ct)
    {
        var initiate = new InitiateMultipartUploadRequest
        {
            BucketName = spec.DestinationBucket,
            Key = spec.DestinationKey,
            ContentType = spec.ContentType,
            TagSet = [.. spec.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value })],
        };
        var fullObject = spec.Checksum is { IsCrc: true } ? spec.Checksum : null;
        if (fullObject is not null)
        {
            initiate.ChecksumAlgorithm = ChecksumAlgorithm.FindValue(fullObject.Algorithm);
            initiate.ChecksumType = ChecksumType.FULL_OBJECT;
        }
        if (spec.KmsKeyId is not null)
        {
            initiate.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            initiate.ServerSideEncryptionKeyManagementServiceKeyId = spec.KmsKeyId;
        }
        foreach (var (name, value) in spec.Metadata)
        {
            initiate.Metadata.Add(name, value);
        }
        var upload = await s3.InitiateMultipartUploadAsync(initiate, ct);
        try
        {
            var partSize = PartSize(spec.Size, threshold);
            var parts = new List<PartETag>();
            for (long first = 0, number = 1; first < spec.Size; first += partSize, number++)
            {
                var part = await s3.CopyPartAsync(new CopyPartRequest
                {
                    SourceBucket = spec.SourceBucket,
                    SourceKey = spec.SourceKey,
                    SourceVersionId = ObjectVersions.Versioned(spec.SourceVersionId),
                    DestinationBucket = spec.DestinationBucket,
                    DestinationKey = spec.DestinationKey,
                    UploadId = upload.UploadId,
                    PartNumber = (int)number,
                    FirstByte = first,
                    LastByte = Math.Min(first + partSize, spec.Size) - 1,
                    ETagToMatch = string.IsNullOrEmpty(spec.SourceETag) ? null : [spec.SourceETag],
                }, ct);
                var tag = new PartETag((int)number, part.ETag);
                ObjectChecksum.CopyPartChecksum(part, tag);
                parts.Add(tag);
            }
            var complete = new CompleteMultipartUploadRequest
            {
                BucketName = spec.DestinationBucket,
                Key = spec.DestinationKey,
                UploadId = upload.UploadId,
                PartETags = parts,
            };
            // S3 combines the part CRCs and refuses the completion (BadDigest) unless they give the source's checksum.
            fullObject?.ApplyTo(complete);
            var done = await s3.CompleteMultipartUploadAsync(complete, ct);
            return (string.IsNullOrEmpty(done.VersionId) ? QuarantineParameters.NullVersion : done.VersionId, true, parts.Count);
        }
        catch
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = spec.DestinationBucket,
                Key = spec.DestinationKey,
                UploadId = upload.UploadId,
            }, CancellationToken.None);
            throw;
        }
    }

    private static void Encrypt(CopyObjectRequest request, string? kmsKeyId)
    {
        if (kmsKeyId is not null)
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            request.ServerSideEncryptionKeyManagementServiceKeyId = kmsKeyId;
        }
    }
}
