using System.Globalization;
using Amazon.S3.Model;
using P = Remediation.Actions.S3Quarantine.QuarantineParameters;

namespace Remediation.Actions.S3Quarantine;

/// <summary>
/// Copies one exact object version into the quarantine bucket under "&lt;source-bucket&gt;/&lt;key&gt;" with the origin in
/// metadata, then verifies size and checksum against the source before tagging the copy verified (<see cref="CopyCheck"/>:
/// S3's own checksums where the source has one, so no data is read). Idempotent: an existing copy of the same version is
/// verified (if it was not yet) instead of copied again. The source is never touched.
/// </summary>
public sealed class CopyToQuarantineHandler(ObjectVersions versions, VersionCopier copier) : IActionHandler
{
    private readonly PreparedRead<CopyReads> prepared = new();

    /// <inheritdoc />
    public string Kind => QuarantineKinds.CopyToQuarantine;

    /// <summary>What the copy reads before it writes: an earlier evidence copy, the source version, its tags, its checksum.</summary>
    private sealed record CopyReads(ObjectVersion? Existing, ObjectVersion? Source, IReadOnlyDictionary<string, string>? Tags, ObjectChecksum? SourceChecksum);

    /// <inheritdoc />
    /// <remarks>The common case is a first copy, which needs them all; the source's bytes only when S3 has no usable checksum.</remarks>
    public async Task PrepareAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await prepared.ReadAsync(action, async () =>
            {
                var (bucket, key, versionId) = (action.Require(P.Bucket), action.Require(P.Key), action.Require(P.VersionId));
                var existing = versions.FindEvidenceAsync(action.Require(P.QuarantineBucket), action.Require(P.QuarantineKey), versionId, action.Get(P.ETag) ?? "", ct);
                var source = versions.HeadAsync(bucket, key, versionId, ct);
                var tags = versions.TagsAsync(bucket, key, versionId, ct);
                await Task.WhenAll(existing, source, tags);
                var checksum = await existing is null && await source is { } found ? await SourceChecksumAsync(action, found, ct) : null;
                return new CopyReads(await existing, await source, await tags, checksum);
            });
        }
        catch (Exception e) when (AwsErrors.AsServiceError(e) is not null || e is HttpRequestException || e is OperationCanceledException)
        {
            // Read again by the write, which reports what it meets.
        }
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (bucket, key, versionId) = (action.Require(P.Bucket), action.Require(P.Key), action.Require(P.VersionId));
        var (qBucket, qKey) = (action.Require(P.QuarantineBucket), action.Require(P.QuarantineKey));
        var eventETag = action.Get(P.ETag) ?? "";

        var reads = await prepared.TakeOrReadAsync(action, async () =>
        {
            var existingRead = versions.FindEvidenceAsync(qBucket, qKey, versionId, eventETag, ct);
            var sourceRead = versions.HeadAsync(bucket, key, versionId, ct);
            await Task.WhenAll(existingRead, sourceRead);
            return new CopyReads(await existingRead, await sourceRead, null, null);
        });
        var (existing, source) = (reads!.Existing, reads.Source);
        if (existing is not null)
        {
            return await VerifyAsync(action, source, existing, null, "evidence copy already present", null, ct);
        }
        if (source is null)
        {
            return Failed(action, $"s3://{bucket}/{key} version {versionId} is gone and no evidence copy exists; nothing to copy");
        }
        if (versionId == P.NullVersion && eventETag.Length > 0 && source.ETag != eventETag)
        {
            return Failed(action, $"s3://{bucket}/{key} changed since the scan (ETag {source.ETag}, scanned {eventETag}); not copied");
        }

        var tagsRead = reads.Tags is { } known ? Task.FromResult(known) : versions.TagsAsync(bucket, key, versionId, ct);
        var checksumRead = reads.SourceChecksum is { } ready ? Task.FromResult(ready) : SourceChecksumAsync(action, source, ct);
        var before = ObjectVersions.Describe(bucket, key, source, await tagsRead);
        var sourceChecksum = await checksumRead;
        var metadata = source.Metadata.Where(m => !EvidenceMetadata.IsOurs(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        metadata[EvidenceMetadata.SourceBucket] = bucket;
        metadata[EvidenceMetadata.SourceKey] = Uri.EscapeDataString(key);
        metadata[EvidenceMetadata.SourceVersionId] = source.VersionId == P.NullVersion ? versionId : source.VersionId;
        metadata[EvidenceMetadata.SourceETag] = source.ETag;
        metadata[EvidenceMetadata.SourceChecksum] = sourceChecksum.Text;
        metadata[EvidenceMetadata.FindingId] = Uri.EscapeDataString(action.Require(P.FindingId));
        var evidenceTags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EvidenceMetadata.QuarantinedTag] = "true",
            [EvidenceMetadata.SourceVersionTag] = EvidenceMetadata.TagValue(versionId),
        };
        var spec = new CopySpec(bucket, key, versionId, versionId == P.NullVersion ? source.ETag : null, source.Size,
            qBucket, qKey, source.ContentType, metadata, evidenceTags, action.Get(P.KmsKeyId) is { Length: > 0 } kms ? kms : null,
            Comparable(sourceChecksum, source.Size, Threshold(action)));
        var (newVersion, multipart, parts) = await copier.CopyAsync(spec, Threshold(action), ct);
        var copied = await versions.HeadAsync(qBucket, qKey, newVersion, ct)
            ?? throw new InvalidOperationException($"the copy s3://{qBucket}/{qKey} version {newVersion} cannot be read back");
        var how = multipart ? $"multipart copy in {parts} parts" : "copied";
        return await VerifyAsync(action, source, copied, evidenceTags, how, before, ct);
    }

    private static long Threshold(PlannedAction action) =>
        long.Parse(action.Get(P.MultipartThresholdBytes) ?? VersionCopier.DefaultMultipartThreshold.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>S3's checksum of the source where the copy can be compared with it; else the SHA-256 of its bytes, read once.</summary>
    private async Task<ObjectChecksum> SourceChecksumAsync(PlannedAction action, ObjectVersion source, CancellationToken ct) =>
        CopyCheck.For(source.Checksum, source.Size, Threshold(action)).ReadsSource
            ? await versions.Sha256Async(action.Require(P.Bucket), action.Require(P.Key), action.Require(P.VersionId), ct)
            : source.Checksum!;

    /// <summary>The checksum the copy is created with: the source's, or SHA-256 (a single copy); null when S3 cannot give one.</summary>
    private static ObjectChecksum? Comparable(ObjectChecksum sourceChecksum, long size, long threshold) =>
        CopyCheck.For(sourceChecksum, size, threshold).CopyAlgorithm is null ? null : sourceChecksum;

    // knownTags: the tags a fresh copy was just created with; null reads them (an earlier copy).
    private async Task<ActionResult> VerifyAsync(PlannedAction action, ObjectVersion? source, ObjectVersion evidence,
        IReadOnlyDictionary<string, string>? knownTags, string how, string? before, CancellationToken ct)
    {
        var (qBucket, qKey) = (action.Require(P.QuarantineBucket), action.Require(P.QuarantineKey));
        var where = $"s3://{qBucket}/{qKey} version {evidence.VersionId}";
        var expected = EvidenceMetadata.SourceOf(evidence.Metadata);
        var tags = knownTags ?? await versions.TagsAsync(qBucket, qKey, evidence.VersionId, ct);
        if (expected is not null && EvidenceMetadata.IsVerified(evidence.Metadata, tags))
        {
            return ActionResult.Done(action, $"{how}: {where}, {evidence.Size} bytes, {expected.Display} (verified earlier)", before, null);
        }
        if (source is not null && source.Size != evidence.Size)
        {
            return Failed(action, $"{where} has {evidence.Size} bytes, the source {source.Size}; source left in place");
        }
        if (expected is null)
        {
            return Failed(action, $"{where} carries no source checksum; source left in place");
        }
        var actual = await CopyChecksumAsync(evidence, expected, qBucket, qKey, ct);
        if (actual != expected)
        {
            return Failed(action, $"{where} has {actual.Display}, the source {expected.Display}; source left in place");
        }
        var set = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        set[EvidenceMetadata.VerifiedTag] = expected.Text;
        await versions.S3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = qBucket,
            Key = qKey,
            VersionId = ObjectVersions.Versioned(evidence.VersionId),
            Tagging = new Tagging { TagSet = [.. set.Select(t => new Tag { Key = t.Key, Value = t.Value })] },
        }, ct);
        // The evidence is kept whatever happens next: copying is not undone (rollback restores from it instead).
        return ActionResult.Done(action, $"{how} to {where}; size ({evidence.Size} bytes) and {expected.Display} match the source", before, null);
    }

    /// <summary>The copy's checksum in the expected algorithm: S3's when it kept that one, else the SHA-256 of its bytes.</summary>
    private async Task<ObjectChecksum> CopyChecksumAsync(ObjectVersion evidence, ObjectChecksum expected, string qBucket, string qKey, CancellationToken ct)
    {
        if (evidence.Checksum is { } kept && kept.Algorithm == expected.Algorithm)
        {
            return kept;
        }
        if (expected.Algorithm == ObjectChecksum.Sha256)
        {
            return await versions.Sha256Async(qBucket, qKey, evidence.VersionId, ct);
        }
        // S3 kept no comparable checksum of the copy (a composite one): the expected value cannot be recomputed from
        // bytes here (we compute SHA-256 only), so the copy does not count as verified.
        return new ObjectChecksum(expected.Algorithm, "unavailable");
    }

    private static ActionResult Failed(PlannedAction action, string detail) => new(action, ActionStatus.Failed, detail, null, null);
}
