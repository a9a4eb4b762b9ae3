using Remediation.Core.Aws.Iam;

namespace Remediation.Actions.AccessKeys;

/// <summary>
/// <c>iam:DeleteAccessKey</c>: deletes an <b>Inactive</b> key. An Active key is never deleted (a workload may depend on
/// it): the action is refused and recorded as failed. Deletion cannot be undone, so there is no inverse.
/// </summary>
public sealed class DeleteAccessKeyHandler(IIam iam) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => AccessKeyActions.Delete;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = action.Require(AccessKeyActions.UserName);
        var keyId = action.Require(AccessKeyActions.AccessKeyId);
        var key = await AccessKeyActions.FindAsync(iam, user, keyId, ct);
        if (key is null)
        {
            return ActionResult.Done(action, $"access key {keyId} of {user} was already deleted", null, null);
        }
        if (key.Status != AccessKeyStatus.Inactive)
        {
            return AccessKeyActions.Refused(action, $"access key {keyId} of {user} is {key.Status}; only Inactive keys are deleted");
        }
        await iam.DeleteAccessKeyAsync(user, keyId, ct);
        var created = key.CreateDate is { } d ? $", created {d:yyyy-MM-dd}" : "";
        return ActionResult.Done(action, $"deleted Inactive access key {keyId} of {user}{created}; irreversible",
            $"{{\"accessKeyId\":\"{keyId}\",\"status\":\"Inactive\"}}", null);
    }
}
