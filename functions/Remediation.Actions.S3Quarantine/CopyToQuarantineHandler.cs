using System.Globalization;
using Amazon.S3.Model;
using P = Remediation.Actions.S3Quarantine.QuarantineParameters;

namespace Remediation.Actions.S3Quarantine;

/// <summary>
/// Copies one exact object version into the quarantine bucket under "&lt;source-bucket&gt;/&lt;key&gt;" with the origin in
/// metadata, then verifies size and SHA-256 against the source before tagging the copy verified. Idempotent: an existing
/// copy of the same version is verified (if it was not yet) instead of copied again. The source is never touched.
/// </summary>
public sealed class CopyToQuarantineHandler(ObjectVersions versions, VersionCopier copier) : IActionHandler
{
    private readonly PreparedRead<CopyReads> prepared = new();

    /// <inheritdoc />
    public string Kind => QuarantineKinds.CopyToQuarantine;

    /// <summary>What the copy reads before it writes: an earlier evidence copy, the source version, its tags and SHA-256.</summary>
    private sealed record CopyReads(ObjectVersion? Existing, ObjectVersion? Source, IReadOnlyDictionary<string, string>? Tags, string? Sha256);

    /// <inheritdoc />
    /// <remarks>Reads all four at once, the source's SHA-256 included: the common case is a first copy, which needs them all.</remarks>
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
                var sha = versions.Sha256Async(bucket, key, versionId, ct);
                await Task.WhenAll(existing, source, tags, sha);
                return new CopyReads(await existing, await source, await tags, await sha);
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
            return await VerifyAsync(action, source, existing, qBucket, qKey, "evidence copy already present", null, ct);
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
        var shaRead = reads.Sha256 is { } sha ? Task.FromResult(sha) : versions.Sha256Async(bucket, key, versionId, ct);
        var before = ObjectVersions.Describe(bucket, key, source, await tagsRead);
        var sourceSha = await shaRead;
        var metadata = source.Metadata.Where(m => !EvidenceMetadata.IsOurs(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        metadata[EvidenceMetadata.SourceBucket] = bucket;
        metadata[EvidenceMetadata.SourceKey] = Uri.EscapeDataString(key);
        metadata[EvidenceMetadata.SourceVersionId] = source.VersionId == P.NullVersion ? versionId : source.VersionId;
        metadata[EvidenceMetadata.SourceETag] = source.ETag;
        metadata[EvidenceMetadata.SourceSha256] = sourceSha;
        metadata[EvidenceMetadata.FindingId] = Uri.EscapeDataString(action.Require(P.FindingId));
        var evidenceTags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EvidenceMetadata.QuarantinedTag] = "true",
            [EvidenceMetadata.SourceVersionTag] = EvidenceMetadata.TagValue(versionId),
        };
        var threshold = long.Parse(action.Get(P.MultipartThresholdBytes) ?? VersionCopier.DefaultMultipartThreshold.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var spec = new CopySpec(bucket, key, versionId, versionId == P.NullVersion ? source.ETag : null, source.Size,
            qBucket, qKey, source.ContentType, metadata, evidenceTags, action.Get(P.KmsKeyId) is { Length: > 0 } kms ? kms : null);
        var (newVersion, multipart, parts) = await copier.CopyAsync(spec, threshold, ct);
        var copied = await versions.HeadAsync(qBucket, qKey, newVersion, ct)
            ?? throw new InvalidOperationException($"the copy s3://{qBucket}/{qKey} version {newVersion} cannot be read back");
        var how = multipart ? $"multipart copy in {parts} parts" : "copied";
        return await VerifyAsync(action, source, copied, qBucket, qKey, how, before, ct);
    }

    private async Task<ActionResult> VerifyAsync(PlannedAction action, ObjectVersion? source, ObjectVersion evidence,
        string qBucket, string qKey, string how, string? before, CancellationToken ct)
    {
        var where = $"s3://{qBucket}/{qKey} version {evidence.VersionId}";
        var expected = evidence.Metadata.GetValueOrDefault(EvidenceMetadata.SourceSha256) ?? "";
        var tags = await versions.TagsAsync(qBucket, qKey, evidence.VersionId, ct);
        if (tags.TryGetValue(EvidenceMetadata.VerifiedTag, out var verified) && verified == expected && expected.Length > 0)
        {
            return ActionResult.Done(action, $"{how}: {where}, {evidence.Size} bytes, sha256 {expected} (verified earlier)", before, null);
        }
        if (source is not null && source.Size != evidence.Size)
        {
            return Failed(action, $"{where} has {evidence.Size} bytes, the source {source.Size}; source left in place");
        }
        var actual = await versions.Sha256Async(qBucket, qKey, evidence.VersionId, ct);
        if (expected.Length == 0 || actual != expected)
        {
            return Failed(action, $"{where} has sha256 {actual}, the source {(expected.Length == 0 ? "unknown" : expected)}; source left in place");
        }
        var set = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        set[EvidenceMetadata.VerifiedTag] = actual;
        await versions.S3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = qBucket,
            Key = qKey,
            VersionId = ObjectVersions.Versioned(evidence.VersionId),
            Tagging = new Tagging { TagSet = [.. set.Select(t => new Tag { Key = t.Key, Value = t.Value })] },
        }, ct);
        // The evidence is kept whatever happens next: copying is not undone (rollback restores from it instead).
        return ActionResult.Done(action, $"{how} to {where}; size ({evidence.Size} bytes) and sha256 {actual} match the source", before, null);
    }

    private static ActionResult Failed(PlannedAction action, string detail) => new(action, ActionStatus.Failed, detail, null, null);
}
