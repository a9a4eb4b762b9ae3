using Remediation.Core.Aws.Iam;
using static Remediation.Actions.Iam.IamActions;

namespace Remediation.Actions.Iam;

/// <summary>Sets one access key's status; the inverse restores the status it had.</summary>
public sealed class UpdateAccessKeyHandler(IIam iam) : IIntentHandler
{
    private readonly PreparedRead<IReadOnlyList<AccessKeyMetadata>> keysRead = new();

    /// <inheritdoc />
    public string Kind => UpdateAccessKey;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (user, keyId, status) = (action.Require(Params.UserName), action.Require(Params.AccessKeyId), Enum.Parse<AccessKeyStatus>(action.Require(Params.Status)));
        var keys = await keysRead.ReadAsync(action, () => NotFound.OrNullAsync(iam.ListAccessKeysAsync(user, ct)));
        return keys?.FirstOrDefault(k => k.AccessKeyId == keyId) is { } key && key.Status != status
            ? new ActionIntent(Before(keyId, key.Status), Inverse(action, user, keyId, key.Status))
            : null;
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = action.Require(Params.UserName);
        var keyId = action.Require(Params.AccessKeyId);
        var status = Enum.Parse<AccessKeyStatus>(action.Require(Params.Status));
        // UserName is required under Lambda's temporary credentials (docs/aws-reference.md §0.7).
        if (await keysRead.TakeOrReadAsync(action, () => NotFound.OrNullAsync(iam.ListAccessKeysAsync(user, ct))) is not { } keys)
        {
            return ActionResult.Skipped(action, $"user {user} no longer exists; nothing to deactivate");
        }
        // A deleted key, or the temporary key of a console or role session, is not one IAM can deactivate: not a failure.
        var key = keys.FirstOrDefault(k => k.AccessKeyId == keyId);
        if (key is null)
        {
            return ActionResult.Skipped(action, $"user {user} has no access key {keyId} (deleted, or not a long-term key); nothing to deactivate");
        }
        var before = Before(keyId, key.Status);
        if (key.Status == status)
        {
            return ActionResult.Done(action, $"key {keyId} of user {user} was already {status}; nothing changed", before, null);
        }
        await iam.UpdateAccessKeyAsync(user, keyId, status, ct);
        return ActionResult.Done(action, $"key {keyId} of user {user}: {key.Status} -> {status}", before, Inverse(action, user, keyId, key.Status));
    }

    private static string Before(string keyId, AccessKeyStatus status) => StateJson.Of((Params.AccessKeyId, keyId), (Params.Status, status.ToString()));

    private static PlannedAction Inverse(PlannedAction action, string user, string keyId, AccessKeyStatus was) =>
        PlannedAction.Create(UpdateAccessKey, action.Target, $"rollback: set key {keyId} of user {user} back to {was}",
            (Params.UserName, user), (Params.AccessKeyId, keyId), (Params.Status, was.ToString()));
}
