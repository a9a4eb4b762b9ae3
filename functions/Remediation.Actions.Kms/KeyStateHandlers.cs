using System.Globalization;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace Remediation.Actions.Kms;

/// <summary>
/// <c>kms:CancelKeyDeletion</c>: stops a scheduled deletion. KMS leaves the key Disabled afterwards; the plan
/// re-enables it with <c>kms:EnableKey</c>. The inverse re-schedules the deletion with the window the caller asked for.
/// </summary>
public sealed class CancelKeyDeletionHandler(IAmazonKeyManagementService kms) : IIntentHandler
{
    private readonly PreparedRead<KeyMetadata> metaRead = new();

    /// <inheritdoc />
    public string Kind => KmsActions.CancelDeletion;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var meta = (await metaRead.ReadAsync(action, () => KmsActions.DescribeAsNullableAsync(kms, keyId, ct)))!;
        return meta.KeyState == KeyState.PendingDeletion ? new ActionIntent(Before(meta), Inverse(action, keyId)) : null;
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var meta = (await metaRead.TakeOrReadAsync(action, () => KmsActions.DescribeAsNullableAsync(kms, keyId, ct)))!;
        if (meta.KeyState != KeyState.PendingDeletion)
        {
            return ActionResult.Done(action, $"{keyId} is {meta.KeyState}, not pending deletion", Before(meta), null);
        }
        await kms.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = keyId }, ct);
        var when = meta.DeletionDate is { } date ? $" (was due {date.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)" : "";
        return ActionResult.Done(action, $"cancelled the scheduled deletion of {keyId}{when}; KMS leaves it Disabled", Before(meta), Inverse(action, keyId));
    }

    private static string Before(KeyMetadata meta) =>
        $"{{\"keyState\":\"{meta.KeyState}\",\"deletionDate\":{(meta.DeletionDate is { } d ? $"\"{d:O}\"" : "null")}}}";

    private static PlannedAction Inverse(PlannedAction action, string keyId)
    {
        var window = action.Get(KmsActions.PendingWindowInDays) ?? "30";
        return KmsActions.Action(KmsActions.ScheduleDeletion, action.Target,
            $"schedule the deletion of {keyId} again ({window}-day window), as its caller asked", keyId, (KmsActions.PendingWindowInDays, window));
    }
}

/// <summary><c>kms:ScheduleKeyDeletion</c>, only ever as an operator's rollback of a cancellation. Its inverse cancels again.</summary>
public sealed class ScheduleKeyDeletionHandler(IAmazonKeyManagementService kms) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => KmsActions.ScheduleDeletion;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var window = int.Parse(action.Get(KmsActions.PendingWindowInDays) ?? "30", CultureInfo.InvariantCulture);
        var meta = await KmsActions.DescribeAsync(kms, keyId, ct);
        if (meta.KeyState == KeyState.PendingDeletion)
        {
            return ActionResult.Done(action, $"{keyId} was already pending deletion", $"{{\"keyState\":\"{meta.KeyState}\"}}", null);
        }
        var response = await kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = window }, ct);
        var inverse = KmsActions.Action(KmsActions.CancelDeletion, action.Target, $"cancel the deletion of {keyId} again", keyId,
            (KmsActions.PendingWindowInDays, window.ToString(CultureInfo.InvariantCulture)));
        return ActionResult.Done(action, $"scheduled the deletion of {keyId} in {window} days ({response.DeletionDate:yyyy-MM-dd})",
            $"{{\"keyState\":\"{meta.KeyState}\"}}", inverse);
    }
}

/// <summary><c>kms:EnableKey</c>; inverse disables it again.</summary>
public sealed class EnableKeyHandler(IAmazonKeyManagementService kms) : KeyStateHandler(kms, enable: true);

/// <summary><c>kms:DisableKey</c> (used as an inverse); its inverse enables it again.</summary>
public sealed class DisableKeyHandler(IAmazonKeyManagementService kms) : KeyStateHandler(kms, enable: false);

/// <summary>
/// Enables or disables a key, reading its state first (a key already as wanted is not written and has nothing to undo);
/// the inverse is recorded as the intent before the write.
/// </summary>
public abstract class KeyStateHandler(IAmazonKeyManagementService kms, bool enable) : IIntentHandler
{
    private readonly PreparedRead<KeyMetadata> metaRead = new();

    /// <inheritdoc />
    public string Kind => enable ? KmsActions.Enable : KmsActions.Disable;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var meta = (await metaRead.ReadAsync(action, () => KmsActions.DescribeAsNullableAsync(kms, keyId, ct)))!;
        return AsWanted(meta) ? null : new ActionIntent(Before(meta), Inverse(action, keyId));
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var meta = (await metaRead.TakeOrReadAsync(action, () => KmsActions.DescribeAsNullableAsync(kms, keyId, ct)))!;
        if (AsWanted(meta))
        {
            return ActionResult.Done(action, $"{keyId} was already {meta.KeyState}", Before(meta), null);
        }
        if (enable)
        {
            await kms.EnableKeyAsync(new EnableKeyRequest { KeyId = keyId }, ct);
        }
        else
        {
            await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = keyId }, ct);
        }
        return ActionResult.Done(action, enable ? $"enabled {keyId} (was {meta.KeyState})" : $"disabled {keyId}", Before(meta), Inverse(action, keyId));
    }

    private bool AsWanted(KeyMetadata meta) => enable ? meta.KeyState == KeyState.Enabled : meta.KeyState != KeyState.Enabled;

    private static string Before(KeyMetadata meta) => $"{{\"keyState\":\"{meta.KeyState}\"}}";

    private PlannedAction Inverse(PlannedAction action, string keyId) => enable
        ? KmsActions.Action(KmsActions.Disable, action.Target, $"disable {keyId} again", keyId)
        : KmsActions.Action(KmsActions.Enable, action.Target, $"enable {keyId} again", keyId);
}
