using Amazon.SimpleSystemsManagement;
using Remediation.Core.Aws.Iam;

namespace Remediation.Actions.AccessKeys;

/// <summary>
/// <c>iam:SetAccessKeyStatus</c>: UpdateAccessKey on one key; the inverse restores the status it replaced, and is recorded
/// as the intent before the write (a deactivation whose record is lost is still undone by rollback).
/// With <see cref="AccessKeyActions.OnlyAfterReplacementIn"/> (a cut-over of a stale key), the key is deactivated only
/// when that parameter holds an Active key that replaced it: a failed create never leaves a workload without a key.
/// </summary>
public sealed class SetAccessKeyStatusHandler(IIam iam, IAmazonSimpleSystemsManagement? ssm = null) : IIntentHandler
{
    private readonly PreparedRead<Reading> reading = new();

    /// <inheritdoc />
    public string Kind => AccessKeyActions.SetStatus;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (user, keyId, wanted) = Read(action);
        var read = (await reading.ReadAsync(action, () => ReadAsync(action, user, keyId, wanted, ct)))!;
        return read is { Key: { } key, Refusal: null } && key.Status != wanted
            ? new ActionIntent(Before(keyId, key.Status), Inverse(user, keyId, key.Status, action.Target))
            : null;
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (user, keyId, wanted) = Read(action);
        var read = (await reading.TakeOrReadAsync(action, () => ReadAsync(action, user, keyId, wanted, ct)))!;
        if (read.Key is not { } key)
        {
            return AccessKeyActions.Refused(action, $"user {user} has no access key {keyId}");
        }
        var before = Before(keyId, key.Status);
        if (key.Status == wanted)
        {
            return ActionResult.Done(action, $"access key {keyId} was already {wanted}", before, null);
        }
        if (read.Refusal is { } refusal)
        {
            return AccessKeyActions.Refused(action, refusal);
        }
        await iam.UpdateAccessKeyAsync(user, keyId, wanted, ct);
        return ActionResult.Done(action, $"access key {keyId} of {user}: {key.Status} -> {wanted}", before, Inverse(user, keyId, key.Status, action.Target));
    }

    private static (string User, string KeyId, AccessKeyStatus Wanted) Read(PlannedAction action) =>
        (action.Require(AccessKeyActions.UserName), action.Require(AccessKeyActions.AccessKeyId), Enum.Parse<AccessKeyStatus>(action.Require(AccessKeyActions.Status)));

    /// <summary>The key, and why the write must not happen (no stored Active replacement for a cut-over), from AWS now.</summary>
    private async Task<Reading?> ReadAsync(PlannedAction action, string user, string keyId, AccessKeyStatus wanted, CancellationToken ct)
    {
        var key = await AccessKeyActions.FindAsync(iam, user, keyId, ct);
        if (key is null || key.Status == wanted || wanted != AccessKeyStatus.Inactive || action.Get(AccessKeyActions.OnlyAfterReplacementIn) is not { } parameter)
        {
            return new Reading(key, null);
        }
        var info = ssm is null ? null : (await RotationParameter.DescribeAsync(ssm, parameter, ct)).Info;
        var replacement = info is { } i && i.Replaces == keyId ? await AccessKeyActions.FindAsync(iam, user, i.AccessKeyId, ct) : null;
        return replacement is { Status: AccessKeyStatus.Active }
            ? new Reading(key, null)
            : new Reading(key, $"no Active replacement of {keyId} is stored in {parameter}; the key stays Active so the workload keeps working");
    }

    private static string Before(string keyId, AccessKeyStatus status) => $"{{\"accessKeyId\":\"{keyId}\",\"status\":\"{status}\"}}";

    private PlannedAction Inverse(string user, string keyId, AccessKeyStatus was, string target) =>
        PlannedAction.Create(Kind, target, $"restore access key {keyId} to {was}",
            (AccessKeyActions.UserName, user), (AccessKeyActions.AccessKeyId, keyId), (AccessKeyActions.Status, was.ToString()));

    /// <summary>What the write depends on, read once for the intent and the write.</summary>
    private sealed record Reading(AccessKeyMetadata? Key, string? Refusal);
}
