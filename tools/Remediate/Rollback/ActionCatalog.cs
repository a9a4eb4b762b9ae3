using Remediation.Actions.AccessKeys;
using Remediation.Actions.Ec2;
using Remediation.Actions.Iam;
using Remediation.Actions.Kms;
using Remediation.Actions.S3Quarantine;
using Remediation.Actions.SageMaker;

namespace Remediation.Tool.Rollback;

/// <summary>
/// Every action handler the product has, by kind: every family and every rollback-only inverse, so an inverse recorded
/// by any function can be applied by the CLI. Only the CLI carries all of them; each function carries its own families.
/// </summary>
public static class ActionCatalog
{
    /// <summary>All handlers, over the given clients.</summary>
    public static IReadOnlyList<IActionHandler> All(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(time);
        return
        [
            .. IamActionHandlers.Create(aws.Iam, time),
            .. SageMakerFamily.Stops(aws.SageMaker),
            .. QuarantineFamily.Handlers(aws.S3),
            .. QuarantineFamily.Rollback(aws.S3),
            .. AccessKeyFamily.Rotation(aws.Iam, aws.Ssm()),
            .. AccessKeyFamily.Rollback(aws.Iam, aws.Ssm()),
            .. KmsFamily.KeyCare(aws.Kms()),
            .. KmsFamily.Rollback(aws.Kms()),
            .. Ec2Family.Isolation(aws.Ec2(), aws.AutoScaling()),
            .. Ec2Family.Rollback(aws.Ec2(), aws.AutoScaling()),
        ];
    }
}
