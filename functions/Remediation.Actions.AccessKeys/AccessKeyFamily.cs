using Amazon.SimpleSystemsManagement;
using Remediation.Core.Aws.Iam;

namespace Remediation.Actions.AccessKeys;

/// <summary>Access-key rotation (the new key's secret goes to Parameter Store), and its rollback-only inverse.</summary>
public static class AccessKeyFamily
{
    /// <summary>Cut a user over to a new key, set a key's status, delete a rotated-out key.</summary>
    public static IEnumerable<IActionHandler> Rotation(IIam iam, IAmazonSimpleSystemsManagement ssm)
    {
        yield return new CreateAccessKeyHandler(iam, ssm);
        yield return new SetAccessKeyStatusHandler(iam, ssm);
        yield return new DeleteAccessKeyHandler(iam);
    }

    /// <summary>Rollback only: retire the key a rotation created.</summary>
    public static IEnumerable<IActionHandler> Rollback(IIam iam, IAmazonSimpleSystemsManagement ssm)
    {
        yield return new RetireRotatedAccessKeyHandler(iam, ssm);
    }

    /// <summary>The official Systems Manager client (Parameter Store), built once per factory; only this family ships its SDK.</summary>
    public static IAmazonSimpleSystemsManagement Ssm(this AwsClientFactory aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return aws.Sdk<AmazonSimpleSystemsManagementClient, AmazonSimpleSystemsManagementConfig>(AwsServiceInfo.Ssm, (credentials, config) => new(credentials, config));
    }
}
