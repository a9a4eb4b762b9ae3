using Remediation.Core.Aws.Iam;

namespace Remediation.Actions.AccessKeys;

/// <summary>
/// Kinds and parameter names of the access-key rotation actions (RotateKeys). Named apart from the plain
/// <c>iam:UpdateAccessKey</c> handler of RevokeIamPermissions so the two never collide in the CLI's action catalog.
/// </summary>
public static class AccessKeyActions
{
    /// <summary>Create a new key and store it in Parameter Store (one write: the secret never leaves the handler).</summary>
    public const string CreateAndStore = "iam:CreateAccessKey";
    /// <summary>Set a key Active or Inactive.</summary>
    public const string SetStatus = "iam:SetAccessKeyStatus";
    /// <summary>Delete an Inactive key (irreversible; refuses Active keys).</summary>
    public const string Delete = "iam:DeleteAccessKey";
    /// <summary>Undo of <see cref="CreateAndStore"/>: deactivate the new key and remove (or restore) its parameter.</summary>
    public const string Retire = "iam:RetireRotatedAccessKey";

    /// <summary>IAM user name.</summary>
    public const string UserName = "userName";
    /// <summary>Access key id.</summary>
    public const string AccessKeyId = "accessKeyId";
    /// <summary>Active | Inactive.</summary>
    public const string Status = "status";
    /// <summary>The key the new one replaces.</summary>
    public const string Replaces = "replacesAccessKeyId";
    /// <summary>SSM parameter name.</summary>
    public const string ParameterName = "parameterName";
    /// <summary>KMS key for the SecureString.</summary>
    public const string KmsKeyId = "kmsKeyId";
    /// <summary>Deactivate only when this parameter holds an Active key that replaced this one (stale-key cut-over).</summary>
    public const string OnlyAfterReplacementIn = "onlyAfterReplacementIn";
    /// <summary>The parameter version that existed before (for a restore on rollback).</summary>
    public const string PreviousVersion = "previousParameterVersion";

    /// <summary>Finds one key of the user, or null.</summary>
    internal static async Task<AccessKeyMetadata?> FindAsync(IIam iam, string user, string keyId, CancellationToken ct) =>
        (await iam.ListAccessKeysAsync(user, ct)).FirstOrDefault(k => k.AccessKeyId == keyId);

    /// <summary>A refusal that is recorded as failed without calling AWS.</summary>
    internal static ActionResult Refused(PlannedAction action, string why) => new(action, ActionStatus.Failed, "refused: " + why, null, null);
}
