using Amazon.S3.Model;
using P = Remediation.Actions.S3Quarantine.QuarantineParameters;

namespace Remediation.Actions.S3Quarantine;

/// <summary>
/// Deletes the exact source version, but only when its evidence copy exists, was verified (size and SHA-256) and is
/// under legal hold: the executor runs every planned action even after an earlier one failed, so this handler checks
/// for itself and never loses the object. In a versioned bucket only that version goes; earlier versions stay.
/// A version that is already gone is reported as done, not failed. The inverse restores it from the evidence.
/// </summary>
public sealed class DeleteSourceVersionHandler(ObjectVersions versions) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => QuarantineKinds.DeleteSourceVersion;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (bucket, key, versionId) = (action.Require(P.Bucket), action.Require(P.Key), action.Require(P.VersionId));
        var (qBucket, qKey) = (action.Require(P.QuarantineBucket), action.Require(P.QuarantineKey));
        var eventETag = action.Get(P.ETag) ?? "";
        var evidence = await versions.FindEvidenceAsync(qBucket, qKey, versionId, eventETag, ct);
        var source = await versions.HeadAsync(bucket, key, versionId, ct);
        if (source is null)
        {
            return evidence is null
                ? ActionResult.Done(action, $"version {versionId} of s3://{bucket}/{key} was already gone; no evidence copy exists", null, null)
                : ActionResult.Done(action, $"version {versionId} of s3://{bucket}/{key} was already gone; evidence at s3://{qBucket}/{qKey} version {evidence.VersionId}", null, Restore(action, evidence));
        }
        if (evidence is null)
        {
            return Refuse(action, "no evidence copy exists");
        }
        var evidenceTags = await versions.TagsAsync(qBucket, qKey, evidence.VersionId, ct);
        if (!EvidenceMetadata.IsVerified(evidence.Metadata, evidenceTags))
        {
            return Refuse(action, $"the evidence copy (version {evidence.VersionId}) is not verified");
        }
        if (evidence.Size != source.Size || (versionId == P.NullVersion && evidence.Metadata.GetValueOrDefault(EvidenceMetadata.SourceETag) != source.ETag))
        {
            return Refuse(action, $"the source no longer matches the evidence copy (version {evidence.VersionId})");
        }
        if (await versions.LegalHoldAsync(qBucket, qKey, evidence.VersionId, ct) != "ON")
        {
            return Refuse(action, $"the evidence copy (version {evidence.VersionId}) is not under legal hold");
        }

        var before = ObjectVersions.Describe(bucket, key, source, await versions.TagsAsync(bucket, key, versionId, ct));
        await versions.S3.DeleteObjectAsync(new DeleteObjectRequest
        {
            BucketName = bucket,
            Key = key,
            VersionId = ObjectVersions.Versioned(versionId),
        }, ct);
        var what = versionId == P.NullVersion ? $"deleted s3://{bucket}/{key} (unversioned)" : $"deleted version {versionId} of s3://{bucket}/{key} (earlier versions remain)";
        return ActionResult.Done(action, $"{what}; evidence at s3://{qBucket}/{qKey} version {evidence.VersionId} under legal hold", before, Restore(action, evidence));
    }

    private static PlannedAction Restore(PlannedAction action, ObjectVersion evidence) => PlannedAction.Create(
        QuarantineKinds.RestoreFromQuarantine,
        action.Target,
        "rollback: copy the evidence back to the original key as a new version; the evidence stays under legal hold",
        (P.Bucket, action.Require(P.Bucket)),
        (P.Key, action.Require(P.Key)),
        (P.QuarantineBucket, action.Require(P.QuarantineBucket)),
        (P.QuarantineKey, action.Require(P.QuarantineKey)),
        (P.QuarantineVersionId, evidence.VersionId),
        (P.MultipartThresholdBytes, action.Get(P.MultipartThresholdBytes) ?? VersionCopier.DefaultMultipartThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static ActionResult Refuse(PlannedAction action, string why) =>
        new(action, ActionStatus.Failed, $"not deleted, the source stays in place: {why}", null, null);
}
