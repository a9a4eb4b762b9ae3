using Amazon.KeyManagementService;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Remediation.Core.Actions.AccessKeys;
using Remediation.Core.Actions.Kms;
using Remediation.Core.Actions.S3Quarantine;
using Remediation.Core.Actions.SageMaker;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Aws.SageMaker;
using Remediation.Core.Pipeline;

namespace Remediation.Core.Actions;

/// <summary>
/// The action families, each the handlers a function may run in response to an event. Inverses that only an
/// operator's rollback applies (re-scheduling a key deletion, restoring a quarantined object) are kept apart, so no
/// function carries a handler its role may not call; <see cref="ActionCatalog.All"/> joins everything for rollback.
/// </summary>
public static class Families
{
    /// <summary>Stop a training job, a processing job, a notebook instance (not reversible: the description is the evidence).</summary>
    public static IEnumerable<IActionHandler> SageMakerStops(ISageMaker sageMaker) =>
        [.. SageMakerJobStops(sageMaker), new StopNotebookInstanceHandler(sageMaker)];

    /// <summary>Stop a training or processing job (QuarantineS3Object stops the jobs reading a quarantined object).</summary>
    public static IEnumerable<IActionHandler> SageMakerJobStops(ISageMaker sageMaker)
    {
        yield return new StopTrainingJobHandler(sageMaker);
        yield return new StopProcessingJobHandler(sageMaker);
    }

    /// <summary>Copy the exact version to the quarantine bucket, hold it, delete that version from the source.</summary>
    public static IEnumerable<IActionHandler> Quarantine(IAmazonS3 s3)
    {
        var versions = new ObjectVersions(s3);
        yield return new CopyToQuarantineHandler(versions, new VersionCopier(s3));
        yield return new LegalHoldHandler(versions);
        yield return new DeleteSourceVersionHandler(versions);
    }

    /// <summary>Rollback only: put a quarantined object back into its source bucket as a new version.</summary>
    public static IEnumerable<IActionHandler> QuarantineRollback(IAmazonS3 s3)
    {
        yield return new RestoreFromQuarantineHandler(new ObjectVersions(s3), new VersionCopier(s3));
    }

    /// <summary>Cut a user over to a new key (its secret to Parameter Store), set a key's status, delete a rotated-out key.</summary>
    public static IEnumerable<IActionHandler> AccessKeyRotation(IIam iam, IAmazonSimpleSystemsManagement ssm)
    {
        yield return new CreateAccessKeyHandler(iam, ssm);
        yield return new SetAccessKeyStatusHandler(iam, ssm);
        yield return new DeleteAccessKeyHandler(iam);
    }

    /// <summary>Rollback only: retire the key a rotation created.</summary>
    public static IEnumerable<IActionHandler> AccessKeyRotationRollback(IIam iam, IAmazonSimpleSystemsManagement ssm)
    {
        yield return new RetireRotatedAccessKeyHandler(iam, ssm);
    }

    /// <summary>Keep KMS keys rotating and alive: rotation on, on-demand rotation, deletion cancelled, key enabled.</summary>
    public static IEnumerable<IActionHandler> KmsKeyCare(IAmazonKeyManagementService kms)
    {
        yield return new EnableKeyRotationHandler(kms);
        yield return new RotateKeyOnDemandHandler(kms);
        yield return new CancelKeyDeletionHandler(kms);
        yield return new EnableKeyHandler(kms);
    }

    /// <summary>Rollback only: the inverses of key care (rotation off, deletion re-scheduled, key disabled again).</summary>
    public static IEnumerable<IActionHandler> KmsKeyCareRollback(IAmazonKeyManagementService kms)
    {
        yield return new DisableKeyRotationHandler(kms);
        yield return new ScheduleKeyDeletionHandler(kms);
        yield return new DisableKeyHandler(kms);
    }
}
