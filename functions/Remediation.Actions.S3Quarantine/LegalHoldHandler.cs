using Amazon.S3;
using Amazon.S3.Model;
using P = Remediation.Actions.S3Quarantine.QuarantineParameters;

namespace Remediation.Actions.S3Quarantine;

/// <summary>
/// Puts a legal hold on the evidence copy of one source version. The hold is never released by this product (no inverse):
/// rollback restores the object from the evidence and leaves the evidence held.
/// </summary>
public sealed class LegalHoldHandler(ObjectVersions versions) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => QuarantineKinds.LegalHold;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (qBucket, qKey) = (action.Require(P.QuarantineBucket), action.Require(P.QuarantineKey));
        var evidence = await versions.FindEvidenceAsync(qBucket, qKey, action.Require(P.VersionId), action.Get(P.ETag) ?? "", ct);
        if (evidence is null)
        {
            return new ActionResult(action, ActionStatus.Failed, $"no evidence copy of version {action.Require(P.VersionId)} at s3://{qBucket}/{qKey}; nothing to hold", null, null);
        }
        var where = $"s3://{qBucket}/{qKey} version {evidence.VersionId}";
        var status = await versions.LegalHoldAsync(qBucket, qKey, evidence.VersionId, ct);
        if (status == "ON")
        {
            return ActionResult.Done(action, $"legal hold already ON for {where}", null, null);
        }
        await versions.S3.PutObjectLegalHoldAsync(new PutObjectLegalHoldRequest
        {
            BucketName = qBucket,
            Key = qKey,
            VersionId = evidence.VersionId,
            LegalHold = new ObjectLockLegalHold { Status = ObjectLockLegalHoldStatus.On },
        }, ct);
        return ActionResult.Done(action, $"legal hold ON for {where} (never released automatically; rollback keeps it)", "legal hold " + status, null);
    }
}
