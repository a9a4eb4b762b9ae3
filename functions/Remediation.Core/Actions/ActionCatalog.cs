using Remediation.Core.Actions.Iam;
using Remediation.Core.Aws;
using Remediation.Core.Pipeline;

namespace Remediation.Core.Actions;

/// <summary>
/// Every action handler the product has, by kind. Functions hand these to their executor; rollback uses the same
/// catalog, so an inverse recorded by any function can be applied by the CLI.
/// </summary>
public static class ActionCatalog
{
    /// <summary>All handlers, over the given clients: every family and every rollback-only inverse.</summary>
    public static IReadOnlyList<IActionHandler> All(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(time);
        return
        [
            .. IamActionHandlers.Create(aws.Iam, time),
            .. Families.SageMakerStops(aws.SageMaker),
            .. Families.Quarantine(aws.S3),
            .. Families.QuarantineRollback(aws.S3),
            .. Families.AccessKeyRotation(aws.Iam, aws.Ssm),
            .. Families.AccessKeyRotationRollback(aws.Iam, aws.Ssm),
            .. Families.KmsKeyCare(aws.Kms),
            .. Families.KmsKeyCareRollback(aws.Kms),
        ];
    }
}
