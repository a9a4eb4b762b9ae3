using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Remediation.Core.Aws.Iam;

namespace Remediation.Actions.AccessKeys;

/// <summary>
/// <c>iam:CreateAccessKey</c>: creates the user's new key and stores it, in the same step, as a SecureString in
/// Parameter Store. The secret exists only inside this method: it is not returned, recorded, logged or put in an
/// exception (SSM error messages are scrubbed of it). If the parameter cannot be written, the new key is deleted
/// again, so no key exists whose secret nobody holds. A retry that finds its own earlier parameter (by the
/// description, which names the replaced key) does not create a second key.
/// </summary>
public sealed class CreateAccessKeyHandler(IIam iam, IAmazonSimpleSystemsManagement ssm) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => AccessKeyActions.CreateAndStore;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = action.Require(AccessKeyActions.UserName);
        var replaces = action.Require(AccessKeyActions.Replaces);
        var name = action.Require(AccessKeyActions.ParameterName);
        var kmsKeyId = action.Require(AccessKeyActions.KmsKeyId);

        var (exists, info, version) = await RotationParameter.DescribeAsync(ssm, name, ct);
        var keys = await iam.ListAccessKeysAsync(user, ct);
        if (info is { } earlier && earlier.Replaces == replaces && earlier.UserName == user
            && keys.Any(k => k.AccessKeyId == earlier.AccessKeyId))
        {
            return ActionResult.Done(action,
                $"access key {earlier.AccessKeyId} replacing {replaces} was created earlier and is stored in {name}",
                $"{{\"parameter\":\"{name}\",\"existed\":true}}", Inverse(action, user, earlier.AccessKeyId, name, kmsKeyId, null));
        }
        if (keys.Count >= 2)
        {
            return AccessKeyActions.Refused(action, $"user {user} already has two access keys (IAM's limit); delete an Inactive one first");
        }

        var created = await iam.CreateAccessKeyAsync(user, ct);
        try
        {
            await ssm.PutParameterAsync(new PutParameterRequest
            {
                Name = name,
                Type = ParameterType.SecureString,
                KeyId = kmsKeyId,
                Overwrite = true,
                Description = RotationParameter.Description(created.AccessKeyId, user, replaces),
                Value = RotationParameter.Value(created.AccessKeyId, created.SecretAccessKey),
            }, ct);
        }
        catch (AmazonServiceException e)
        {
            // Without the parameter nobody can use the key: remove it, and never echo the request (it held the secret).
            await iam.DeleteAccessKeyAsync(user, created.AccessKeyId, ct);
            throw new AwsServiceException("ssm", e.ErrorCode ?? "Unknown",
                $"PutParameter {name} failed ({Scrub(e.Message, created.SecretAccessKey)}); the new key {created.AccessKeyId} was deleted again",
                (int)e.StatusCode, e.RequestId);
        }

        var before = exists
            ? $"{{\"parameter\":\"{name}\",\"existed\":true,\"version\":{version ?? 0}}}"
            : $"{{\"parameter\":\"{name}\",\"existed\":false}}";
        return ActionResult.Done(action,
            $"created access key {created.AccessKeyId} for {user} (replacing {replaces}); secret stored as SecureString {name} (KMS {kmsKeyId})",
            before, Inverse(action, user, created.AccessKeyId, name, kmsKeyId, exists ? version : null));
    }

    private static PlannedAction Inverse(PlannedAction action, string user, string newKeyId, string name, string kmsKeyId, long? previousVersion)
    {
        var parameters = new List<(string, string)>
        {
            (AccessKeyActions.UserName, user), (AccessKeyActions.AccessKeyId, newKeyId), (AccessKeyActions.ParameterName, name),
            (AccessKeyActions.KmsKeyId, kmsKeyId),
        };
        if (previousVersion is { } v)
        {
            parameters.Add((AccessKeyActions.PreviousVersion, v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return PlannedAction.Create(AccessKeyActions.Retire, action.Target,
            $"deactivate the new access key {newKeyId} and remove its parameter {name}; a workload that already cut over to it will break",
            [.. parameters]);
    }

    private static string Scrub(string? message, string secret) =>
        string.IsNullOrEmpty(message) ? "" : message.Replace(secret, "***", StringComparison.Ordinal);
}
