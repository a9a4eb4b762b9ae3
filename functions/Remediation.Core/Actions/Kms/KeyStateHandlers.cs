using System.Globalization;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Remediation.Core.Pipeline;

namespace Remediation.Core.Actions.Kms;

/// <summary>
/// <c>kms:CancelKeyDeletion</c>: stops a scheduled deletion. KMS leaves the key Disabled afterwards; the plan
/// re-enables it with <c>kms:EnableKey</c>. The inverse re-schedules the deletion with the window the caller asked for.
/// </summary>
public sealed class CancelKeyDeletionHandler(IAmazonKeyManagementService kms) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => KmsActions.CancelDeletion;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var meta = await KmsActions.DescribeAsync(kms, keyId, ct);
        var before = $"{{\"keyState\":\"{meta.KeyState}\",\"deletionDate\":{(meta.DeletionDate is { } d ? $"\"{d:O}\"" : "null")}}}";
        if (meta.KeyState != KeyState.PendingDeletion)
        {
            return ActionResult.Done(action, $"{keyId} is {meta.KeyState}, not pending deletion", before, null);
        }
        await kms.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = keyId }, ct);
        var window = action.Get(KmsActions.PendingWindowInDays) ?? "30";
        var inverse = KmsActions.Action(KmsActions.ScheduleDeletion, action.Target,
            $"schedule the deletion of {keyId} again ({window}-day window), as its caller asked", keyId, (KmsActions.PendingWindowInDays, window));
        var when = meta.DeletionDate is { } date ? $" (was due {date.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)" : "";
        return ActionResult.Done(action, $"cancelled the scheduled deletion of {keyId}{when}; KMS leaves it Disabled", before, inverse);
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
public sealed class EnableKeyHandler(IAmazonKeyManagementService kms) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => KmsActions.Enable;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var meta = await KmsActions.DescribeAsync(kms, keyId, ct);
        var before = $"{{\"keyState\":\"{meta.KeyState}\"}}";
        if (meta.KeyState == KeyState.Enabled)
        {
            return ActionResult.Done(action, $"{keyId} was already Enabled", before, null);
        }
        await kms.EnableKeyAsync(new EnableKeyRequest { KeyId = keyId }, ct);
        return ActionResult.Done(action, $"enabled {keyId} (was {meta.KeyState})", before,
            KmsActions.Action(KmsActions.Disable, action.Target, $"disable {keyId} again", keyId));
    }
}

/// <summary><c>kms:DisableKey</c> (used as an inverse); its inverse enables it again.</summary>
public sealed class DisableKeyHandler(IAmazonKeyManagementService kms) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => KmsActions.Disable;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var meta = await KmsActions.DescribeAsync(kms, keyId, ct);
        var before = $"{{\"keyState\":\"{meta.KeyState}\"}}";
        if (meta.KeyState != KeyState.Enabled)
        {
            return ActionResult.Done(action, $"{keyId} was already {meta.KeyState}", before, null);
        }
        await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = keyId }, ct);
        return ActionResult.Done(action, $"disabled {keyId}", before,
            KmsActions.Action(KmsActions.Enable, action.Target, $"enable {keyId} again", keyId));
    }
}
