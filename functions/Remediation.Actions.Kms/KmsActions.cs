using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace Remediation.Actions.Kms;

/// <summary>Kinds and parameter names of the KMS key actions (RotateKeys), official AWSSDK.KeyManagementService client.</summary>
public static class KmsActions
{
    /// <summary>EnableKeyRotation (with a rotation period).</summary>
    public const string EnableRotation = "kms:EnableKeyRotation";
    /// <summary>DisableKeyRotation (the inverse of enabling).</summary>
    public const string DisableRotation = "kms:DisableKeyRotation";
    /// <summary>CancelKeyDeletion (leaves the key Disabled).</summary>
    public const string CancelDeletion = "kms:CancelKeyDeletion";
    /// <summary>ScheduleKeyDeletion (only as the inverse of a cancellation, on an operator's rollback).</summary>
    public const string ScheduleDeletion = "kms:ScheduleKeyDeletion";
    /// <summary>EnableKey.</summary>
    public const string Enable = "kms:EnableKey";
    /// <summary>DisableKey (the inverse of enabling).</summary>
    public const string Disable = "kms:DisableKey";
    /// <summary>RotateKeyOnDemand (irreversible; at most 25 per key).</summary>
    public const string RotateOnDemand = "kms:RotateKeyOnDemand";

    /// <summary>Key id or ARN.</summary>
    public const string KeyId = "keyId";
    /// <summary>90-2560 days (docs/aws-reference.md §B5).</summary>
    public const string RotationPeriodInDays = "rotationPeriodInDays";
    /// <summary>7-30 days.</summary>
    public const string PendingWindowInDays = "pendingWindowInDays";

    /// <summary>On-demand rotations allowed per key (docs/aws-reference.md §B5).</summary>
    public const int OnDemandRotationLimit = 25;

    internal static async Task<KeyMetadata> DescribeAsync(IAmazonKeyManagementService kms, string keyId, CancellationToken ct) =>
        (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }, ct)).KeyMetadata;

    /// <summary>DescribeKey's metadata typed as nullable, as a <see cref="Remediation.Core.Pipeline.PreparedRead{T}"/> reads it (a missing key throws).</summary>
    internal static async Task<KeyMetadata?> DescribeAsNullableAsync(IAmazonKeyManagementService kms, string keyId, CancellationToken ct) =>
        await DescribeAsync(kms, keyId, ct);

    /// <summary>A KMS action on one key.</summary>
    public static PlannedAction Action(string kind, string target, string reason, string keyId, params (string, string)[] more) =>
        PlannedAction.Create(kind, target, reason, [(KeyId, keyId), .. more]);
}
