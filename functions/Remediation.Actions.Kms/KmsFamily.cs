using Amazon.KeyManagementService;

namespace Remediation.Actions.Kms;

/// <summary>Keeping KMS keys rotating and alive, and the rollback-only inverses.</summary>
public static class KmsFamily
{
    /// <summary>Rotation on, on-demand rotation, deletion cancelled, key enabled.</summary>
    public static IEnumerable<IActionHandler> KeyCare(IAmazonKeyManagementService kms)
    {
        yield return new EnableKeyRotationHandler(kms);
        yield return new RotateKeyOnDemandHandler(kms);
        yield return new CancelKeyDeletionHandler(kms);
        yield return new EnableKeyHandler(kms);
    }

    /// <summary>Rollback only: rotation off, deletion re-scheduled, key disabled again.</summary>
    public static IEnumerable<IActionHandler> Rollback(IAmazonKeyManagementService kms)
    {
        yield return new DisableKeyRotationHandler(kms);
        yield return new ScheduleKeyDeletionHandler(kms);
        yield return new DisableKeyHandler(kms);
    }

    /// <summary>The official KMS client, built once per factory; only this family ships its SDK.</summary>
    public static IAmazonKeyManagementService Kms(this AwsClientFactory aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return aws.Sdk<AmazonKeyManagementServiceClient, AmazonKeyManagementServiceConfig>(AwsServiceInfo.Kms, (credentials, config) => new(credentials, config));
    }
}
