using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Remediation.Core.Aws.Iam;

namespace Remediation.Actions.AccessKeys;

/// <summary>
/// <c>iam:RetireRotatedAccessKey</c>, the undo of a rotation's create: deactivates the new key (never deletes it,
/// so this too can be undone) and removes its parameter, or puts the earlier parameter version back when the
/// parameter existed before. Any workload that already reads the new key breaks; the detail says so.
/// </summary>
public sealed class RetireRotatedAccessKeyHandler(IIam iam, IAmazonSimpleSystemsManagement ssm) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => AccessKeyActions.Retire;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = action.Require(AccessKeyActions.UserName);
        var keyId = action.Require(AccessKeyActions.AccessKeyId);
        var name = action.Require(AccessKeyActions.ParameterName);
        var previous = action.Get(AccessKeyActions.PreviousVersion);

        var key = await AccessKeyActions.FindAsync(iam, user, keyId, ct);
        var keyDetail = key is null ? $"access key {keyId} no longer exists"
            : key.Status == AccessKeyStatus.Inactive ? $"access key {keyId} was already Inactive"
            : $"deactivated access key {keyId}";
        if (key is { Status: AccessKeyStatus.Active })
        {
            await iam.UpdateAccessKeyAsync(user, keyId, AccessKeyStatus.Inactive, ct);
        }

        string parameterDetail;
        if (previous is not null)
        {
            // The value moves SSM -> SSM only; it is never logged or returned.
            var old = await ssm.GetParameterAsync(new GetParameterRequest { Name = $"{name}:{previous}", WithDecryption = true }, ct);
            var meta = await RotationParameter.DescribeAsync(ssm, name, ct);
            await ssm.PutParameterAsync(new PutParameterRequest
            {
                Name = name,
                Type = ParameterType.SecureString,
                KeyId = action.Get(AccessKeyActions.KmsKeyId),
                Overwrite = true,
                Value = old.Parameter.Value,
                Description = "Restored by rollback to version " + previous,
            }, ct);
            parameterDetail = $"restored parameter {name} to its version {previous} (was version {meta.Version})";
        }
        else
        {
            try
            {
                await ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = name }, ct);
                parameterDetail = $"deleted parameter {name}";
            }
            catch (ParameterNotFoundException)
            {
                parameterDetail = $"parameter {name} was already gone";
            }
        }

        var inverse = key is { Status: AccessKeyStatus.Active }
            ? PlannedAction.Create(AccessKeyActions.SetStatus, action.Target, $"reactivate access key {keyId}",
                (AccessKeyActions.UserName, user), (AccessKeyActions.AccessKeyId, keyId), (AccessKeyActions.Status, nameof(AccessKeyStatus.Active)))
            : null;
        return ActionResult.Done(action,
            $"{keyDetail}; {parameterDetail}. A workload that already cut over to {keyId} will fail until it is given a working key",
            key is null ? null : $"{{\"accessKeyId\":\"{keyId}\",\"status\":\"{key.Status}\"}}", inverse);
    }
}
