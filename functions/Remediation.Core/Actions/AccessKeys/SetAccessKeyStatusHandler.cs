using Amazon.SimpleSystemsManagement;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Pipeline;

namespace Remediation.Core.Actions.AccessKeys;

/// <summary>
/// <c>iam:SetAccessKeyStatus</c>: UpdateAccessKey on one key; the inverse restores the status it replaced.
/// With <see cref="AccessKeyActions.OnlyAfterReplacementIn"/> (a cut-over of a stale key), the key is deactivated only
/// when that parameter holds an Active key that replaced it: a failed create never leaves a workload without a key.
/// </summary>
public sealed class SetAccessKeyStatusHandler(IIam iam, IAmazonSimpleSystemsManagement? ssm = null) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => AccessKeyActions.SetStatus;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = action.Require(AccessKeyActions.UserName);
        var keyId = action.Require(AccessKeyActions.AccessKeyId);
        var wanted = Enum.Parse<AccessKeyStatus>(action.Require(AccessKeyActions.Status));
        var key = await AccessKeyActions.FindAsync(iam, user, keyId, ct);
        if (key is null)
        {
            return AccessKeyActions.Refused(action, $"user {user} has no access key {keyId}");
        }
        var before = $"{{\"accessKeyId\":\"{keyId}\",\"status\":\"{key.Status}\"}}";
        if (key.Status == wanted)
        {
            return ActionResult.Done(action, $"access key {keyId} was already {wanted}", before, null);
        }
        if (wanted == AccessKeyStatus.Inactive && action.Get(AccessKeyActions.OnlyAfterReplacementIn) is { } parameter)
        {
            var info = ssm is null ? null : (await RotationParameter.DescribeAsync(ssm, parameter, ct)).Info;
            var replacement = info is { } i && i.Replaces == keyId
                ? await AccessKeyActions.FindAsync(iam, user, i.AccessKeyId, ct)
                : null;
            if (replacement is not { Status: AccessKeyStatus.Active })
            {
                return AccessKeyActions.Refused(action, $"no Active replacement of {keyId} is stored in {parameter}; the key stays Active so the workload keeps working");
            }
        }
        await iam.UpdateAccessKeyAsync(user, keyId, wanted, ct);
        var inverse = PlannedAction.Create(Kind, action.Target, $"restore access key {keyId} to {key.Status}",
            (AccessKeyActions.UserName, user), (AccessKeyActions.AccessKeyId, keyId), (AccessKeyActions.Status, key.Status.ToString()));
        return ActionResult.Done(action, $"access key {keyId} of {user}: {key.Status} -> {wanted}", before, inverse);
    }
}
