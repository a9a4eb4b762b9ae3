using Remediation.Core.Actions.Iam;
using Remediation.Core.Actions.SageMaker;
using Remediation.Core.Actions.S3Quarantine;
using Remediation.Core.Actions.AccessKeys;
using Remediation.Core.Actions.Kms;
using Remediation.Core.Aws;
using Remediation.Core.Pipeline;

namespace Remediation.Core.Actions;

/// <summary>
/// Every action handler the product has, by kind. Functions hand these to their executor; rollback uses the same
/// catalog, so an inverse recorded by any function can be applied by the CLI.
/// </summary>
public static class ActionCatalog
{
    /// <summary>All handlers, over the given clients.</summary>
    public static IReadOnlyList<IActionHandler> All(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(time);
        var s3 = new ObjectVersions(aws.S3);
        var copier = new VersionCopier(aws.S3);
        return
        [
            .. IamActionHandlers.Create(aws.Iam, time),
            new StopTrainingJobHandler(aws.SageMaker),
            new StopProcessingJobHandler(aws.SageMaker),
            new StopNotebookInstanceHandler(aws.SageMaker),
            new CopyToQuarantineHandler(s3, copier),
            new LegalHoldHandler(s3),
            new DeleteSourceVersionHandler(s3),
            new RestoreFromQuarantineHandler(s3, copier),
            .. RotationHandlers(aws),
        ];
    }

    /// <summary>RotateKeys: access-key rotation (Actions/AccessKeys) and KMS key care (Actions/Kms).</summary>
    public static IEnumerable<IActionHandler> RotationHandlers(AwsClientFactory aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        yield return new CreateAccessKeyHandler(aws.Iam, aws.Ssm);
        yield return new SetAccessKeyStatusHandler(aws.Iam, aws.Ssm);
        yield return new DeleteAccessKeyHandler(aws.Iam);
        yield return new RetireRotatedAccessKeyHandler(aws.Iam, aws.Ssm);
        yield return new EnableKeyRotationHandler(aws.Kms);
        yield return new DisableKeyRotationHandler(aws.Kms);
        yield return new RotateKeyOnDemandHandler(aws.Kms);
        yield return new CancelKeyDeletionHandler(aws.Kms);
        yield return new ScheduleKeyDeletionHandler(aws.Kms);
        yield return new EnableKeyHandler(aws.Kms);
        yield return new DisableKeyHandler(aws.Kms);
    }
}
