using System.Globalization;
using P = Remediation.Actions.S3Quarantine.QuarantineParameters;

namespace Remediation.Actions.S3Quarantine;

/// <summary>
/// Rollback of a quarantine: copies the evidence version back to the original key as a new version, with the original
/// metadata (our quarantine-* entries dropped). Nothing is released from the quarantine bucket: the evidence and its
/// legal hold stay. Not itself reversible (delete the restored version by hand if needed).
/// </summary>
public sealed class RestoreFromQuarantineHandler(ObjectVersions versions, VersionCopier copier) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => QuarantineKinds.RestoreFromQuarantine;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (bucket, key) = (action.Require(P.Bucket), action.Require(P.Key));
        var (qBucket, qKey, qVersion) = (action.Require(P.QuarantineBucket), action.Require(P.QuarantineKey), action.Require(P.QuarantineVersionId));
        var evidence = await versions.HeadAsync(qBucket, qKey, qVersion, ct);
        if (evidence is null)
        {
            return new ActionResult(action, ActionStatus.Failed, $"the evidence s3://{qBucket}/{qKey} version {qVersion} cannot be read", null, null);
        }
        // In an unversioned bucket a restore would overwrite whatever was written to the key since: refuse instead.
        if (await versions.HeadAsync(bucket, key, P.NullVersion, ct) is { VersionId: P.NullVersion } current)
        {
            return new ActionResult(action, ActionStatus.Failed,
                $"s3://{bucket}/{key} exists again (ETag {current.ETag}) in an unversioned bucket; not overwritten. Copy s3://{qBucket}/{qKey} version {qVersion} by hand if wanted", null, null);
        }
        var metadata = evidence.Metadata.Where(m => !EvidenceMetadata.IsOurs(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        var threshold = long.Parse(action.Get(P.MultipartThresholdBytes) ?? VersionCopier.DefaultMultipartThreshold.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var spec = new CopySpec(qBucket, qKey, qVersion, null, evidence.Size, bucket, key, evidence.ContentType, metadata,
            new Dictionary<string, string>(), KmsKeyId: null, evidence.Checksum);
        var (restored, _, _) = await copier.CopyAsync(spec, threshold, ct);
        return ActionResult.Done(action,
            $"restored s3://{bucket}/{key} as version {restored} from s3://{qBucket}/{qKey} version {qVersion}; the evidence stays in quarantine under legal hold",
            null, null);
    }
}
