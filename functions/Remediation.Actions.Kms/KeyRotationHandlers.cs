using System.Globalization;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace Remediation.Actions.Kms;

/// <summary>
/// <c>kms:EnableKeyRotation</c>: turns automatic rotation on with the configured period; inverse turns it off (or restores
/// the earlier period). The inverse is recorded as the intent before the write.
/// </summary>
public sealed class EnableKeyRotationHandler(IAmazonKeyManagementService kms) : IIntentHandler
{
    private readonly PreparedRead<GetKeyRotationStatusResponse> statusRead = new();

    /// <inheritdoc />
    public string Kind => KmsActions.EnableRotation;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var status = (await statusRead.ReadAsync(action, () => ReadAsync(keyId, ct)))!;
        return AlreadyAsWanted(status, Period(action)) ? null : new ActionIntent(Before(status), Inverse(action, keyId, status));
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var period = Period(action);
        var status = (await statusRead.TakeOrReadAsync(action, () => ReadAsync(keyId, ct)))!;
        if (AlreadyAsWanted(status, period))
        {
            return ActionResult.Done(action, $"automatic rotation of {keyId} was already enabled", Before(status), null);
        }
        await kms.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = keyId, RotationPeriodInDays = period }, ct);
        return ActionResult.Done(action,
            $"enabled automatic rotation of {keyId}" + (period is null ? "" : $" every {period} days"), Before(status), Inverse(action, keyId, status));
    }

    private async Task<GetKeyRotationStatusResponse?> ReadAsync(string keyId, CancellationToken ct) =>
        await kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = keyId }, ct);

    private static int? Period(PlannedAction action) =>
        action.Get(KmsActions.RotationPeriodInDays) is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : null;

    private static bool AlreadyAsWanted(GetKeyRotationStatusResponse status, int? period) =>
        status.KeyRotationEnabled == true && (period is null || status.RotationPeriodInDays is null || status.RotationPeriodInDays == period);

    private static string Before(GetKeyRotationStatusResponse status) =>
        $"{{\"keyRotationEnabled\":{(status.KeyRotationEnabled == true ? "true" : "false")},\"rotationPeriodInDays\":{status.RotationPeriodInDays?.ToString(CultureInfo.InvariantCulture) ?? "null"}}}";

    private PlannedAction Inverse(PlannedAction action, string keyId, GetKeyRotationStatusResponse status) => status.KeyRotationEnabled == true
        ? KmsActions.Action(Kind, action.Target, $"restore the rotation period of {keyId}", keyId,
            (KmsActions.RotationPeriodInDays, status.RotationPeriodInDays!.Value.ToString(CultureInfo.InvariantCulture)))
        : KmsActions.Action(KmsActions.DisableRotation, action.Target, $"turn automatic rotation of {keyId} off again", keyId);
}

/// <summary><c>kms:DisableKeyRotation</c> (used as an inverse); its own inverse turns rotation back on.</summary>
public sealed class DisableKeyRotationHandler(IAmazonKeyManagementService kms) : IIntentHandler
{
    private readonly PreparedRead<GetKeyRotationStatusResponse> statusRead = new();

    /// <inheritdoc />
    public string Kind => KmsActions.DisableRotation;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var status = (await statusRead.ReadAsync(action, () => ReadAsync(keyId, ct)))!;
        return status.KeyRotationEnabled == true ? new ActionIntent(OnBefore, Inverse(action, keyId, status)) : null;
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var status = (await statusRead.TakeOrReadAsync(action, () => ReadAsync(keyId, ct)))!;
        if (status.KeyRotationEnabled != true)
        {
            return ActionResult.Done(action, $"automatic rotation of {keyId} was already off", "{\"keyRotationEnabled\":false}", null);
        }
        await kms.DisableKeyRotationAsync(new DisableKeyRotationRequest { KeyId = keyId }, ct);
        return ActionResult.Done(action, $"disabled automatic rotation of {keyId}", OnBefore, Inverse(action, keyId, status));
    }

    private const string OnBefore = "{\"keyRotationEnabled\":true}";

    private async Task<GetKeyRotationStatusResponse?> ReadAsync(string keyId, CancellationToken ct) =>
        await kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = keyId }, ct);

    private static PlannedAction Inverse(PlannedAction action, string keyId, GetKeyRotationStatusResponse status) =>
        status.RotationPeriodInDays?.ToString(CultureInfo.InvariantCulture) is { } period
            ? KmsActions.Action(KmsActions.EnableRotation, action.Target, $"turn automatic rotation of {keyId} on again", keyId, (KmsActions.RotationPeriodInDays, period))
            : KmsActions.Action(KmsActions.EnableRotation, action.Target, $"turn automatic rotation of {keyId} on again", keyId);
}

/// <summary>
/// <c>kms:RotateKeyOnDemand</c>: new key material now. Only symmetric customer-managed keys with AWS_KMS material,
/// at most 25 times per key (docs/aws-reference.md §B5); otherwise refused with the reason. Irreversible (old material stays
/// usable for decryption, so nothing breaks and there is nothing to undo).
/// </summary>
public sealed class RotateKeyOnDemandHandler(IAmazonKeyManagementService kms) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => KmsActions.RotateOnDemand;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keyId = action.Require(KmsActions.KeyId);
        var meta = await KmsActions.DescribeAsync(kms, keyId, ct);
        if (KeyFacts.OnDemandObstacle(meta) is { } obstacle)
        {
            return new ActionResult(action, ActionStatus.Failed, "not applicable: " + obstacle, null, null);
        }
        var rotations = await kms.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = keyId }, ct);
        var onDemand = (rotations.Rotations ?? []).Count(r => r.RotationType == RotationType.ON_DEMAND);
        if (onDemand >= KmsActions.OnDemandRotationLimit)
        {
            return new ActionResult(action, ActionStatus.Failed,
                $"not applicable: {keyId} has had {onDemand} on-demand rotations, the limit is {KmsActions.OnDemandRotationLimit}", null, null);
        }
        await kms.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = keyId }, ct);
        return ActionResult.Done(action,
            $"rotated the key material of {keyId} on demand ({onDemand + 1} of {KmsActions.OnDemandRotationLimit}); irreversible, earlier material still decrypts",
            $"{{\"onDemandRotations\":{onDemand}}}", null);
    }
}

/// <summary>What the key's metadata says about rotation.</summary>
public static class KeyFacts
{
    /// <summary>Why on-demand (and automatic) rotation does not apply to this key, or null.</summary>
    /// <param name="meta">DescribeKey's metadata.</param>
    /// <param name="ignoreState">Judge the key's kind only (a plan may re-enable the key first).</param>
    public static string? OnDemandObstacle(KeyMetadata meta, bool ignoreState = false)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (meta.KeyManager is { } manager && manager != KeyManagerType.CUSTOMER)
        {
            return "AWS managed keys rotate themselves yearly";
        }
        if (meta.KeySpec is { } spec && spec != KeySpec.SYMMETRIC_DEFAULT)
        {
            return $"key spec {spec} is not symmetric encryption";
        }
        if (meta.Origin is { } origin && origin != OriginType.AWS_KMS)
        {
            return $"key material origin {origin} (imported or custom key store) cannot be rotated by KMS";
        }
        if (!ignoreState && meta.KeyState is { } state && state != KeyState.Enabled)
        {
            return $"the key is {state}";
        }
        return null;
    }
}
