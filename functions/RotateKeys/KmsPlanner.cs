using System.Globalization;
using Remediation.Actions.Kms;
using Remediation.Core.Guardrails;

namespace Remediation.RotateKeys;

/// <summary>Why a KMS key is looked at.</summary>
public enum KmsTrigger
{
    /// <summary>Config cmk-backing-key-rotation-enabled NON_COMPLIANT.</summary>
    RotationNonCompliant,
    /// <summary>CloudTrail DisableKeyRotation.</summary>
    RotationDisabled,
    /// <summary>CloudTrail ScheduleKeyDeletion.</summary>
    DeletionScheduled,
    /// <summary>CloudTrail DisableKey: data under the key is unreadable until it is enabled.</summary>
    KeyDisabled,
    /// <summary>CloudTrail PutKeyPolicy whose new policy lets another account or everyone in.</summary>
    PolicyOpened,
}

/// <summary>What the playbook learned about the key (reads only).</summary>
/// <param name="Trigger">What happened.</param>
/// <param name="KeyId">The key id.</param>
/// <param name="KeyArn">The key ARN (the action target).</param>
/// <param name="Caller">The caller's IAM ARN (role ARN for an assumed role), for CloudTrail triggers.</param>
/// <param name="RequestedWindowDays">ScheduleKeyDeletion's pendingWindowInDays, as asked.</param>
/// <param name="RotationEnabled">GetKeyRotationStatus.</param>
/// <param name="KeyState">DescribeKey KeyState.</param>
/// <param name="RotationObstacle">Why rotation does not apply to this key (AWS managed, asymmetric, imported...), or null.</param>
/// <param name="OnDemandRotations">On-demand rotations so far (ListKeyRotations), when known.</param>
public sealed record KmsFacts(
    KmsTrigger Trigger,
    string KeyId,
    string KeyArn,
    string? Caller,
    int? RequestedWindowDays,
    bool RotationEnabled,
    string KeyState,
    string? RotationObstacle,
    int? OnDemandRotations)
{
    /// <summary>Whom PutKeyPolicy's new policy lets in ("account 210987654321", "everyone (*)").</summary>
    public string? Outsider { get; init; }
}

/// <summary>
/// The KMS decision, pure. Rotation must stay on and keys must not be deleted by anyone outside the approved
/// administrators: DisableKeyRotation → EnableKeyRotation; ScheduleKeyDeletion → CancelKeyDeletion then EnableKey
/// (cancellation leaves the key Disabled); Config non-compliance → EnableKeyRotation. With KMS_ROTATE_ON_DEMAND, a
/// key tampered with by a non-approved principal also gets new key material now, when that applies.
/// </summary>
public static class KmsPlanner
{
    /// <summary>Plans for one key.</summary>
    public static Plan Decide(KmsFacts facts, RotateKeysSettings policy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        var key = facts.KeyId;
        if (facts.Trigger != KmsTrigger.RotationNonCompliant && facts.Caller is { } caller
            && ArnPattern.FirstMatch(policy.ApprovedKmsAdmins, caller) is { } approved)
        {
            return Plan.ReportOnly($"{caller} is an approved KMS administrator ({approved}); the change stands",
                Headline.Same($"Reported approved change to KMS key {key}"));
        }
        var period = policy.KmsRotationPeriodDays.ToString(CultureInfo.InvariantCulture);
        var actions = new List<PlannedAction>();
        var skipped = new List<string>();
        var by = facts.Caller is null ? "" : $" by {facts.Caller}";
        switch (facts.Trigger)
        {
            case KmsTrigger.DeletionScheduled:
                // Disabled: the deletion was cancelled (by an earlier attempt of this incident whose record was cut short,
                // or by someone else) and CancelKeyDeletion leaves the key Disabled; it is still enabled again.
                if (facts.KeyState is not ("PendingDeletion" or "Disabled"))
                {
                    return Plan.ReportOnly($"KMS key {key} is {facts.KeyState}, not pending deletion (already cancelled?)",
                        Headline.Same($"Reported scheduled deletion of KMS key {key}"));
                }
                var window = facts.RequestedWindowDays?.ToString(CultureInfo.InvariantCulture) ?? "30";
                if (facts.KeyState == "PendingDeletion")
                {
                    actions.Add(KmsActions.Action(KmsActions.CancelDeletion, facts.KeyArn,
                        $"ScheduleKeyDeletion{by} asked to delete {key} in {window} days; the caller is not an approved KMS administrator",
                        key, (KmsActions.PendingWindowInDays, window)));
                }
                actions.Add(KmsActions.Action(KmsActions.Enable, facts.KeyArn,
                    $"CancelKeyDeletion leaves {key} Disabled; enable it so data encrypted with it stays readable", key));
                break;
            case KmsTrigger.PolicyOpened:
                // CloudTrail records the new key policy only, so there is no exact undo; the previous one is the owner's to restore.
                return Plan.ReportOnly($"PutKeyPolicy{by} made the policy of KMS key {key} let {facts.Outsider} use it; restore the previous key policy by hand (CloudTrail does not record it)",
                    Headline.Same($"Reported KMS key {key} opened to {facts.Outsider}"));
            case KmsTrigger.KeyDisabled:
                if (facts.KeyState != "Disabled")
                {
                    return Plan.ReportOnly($"KMS key {key} is {facts.KeyState}, not Disabled (enabled again already?)",
                        Headline.Same($"Reported disabling of KMS key {key}"));
                }
                actions.Add(KmsActions.Action(KmsActions.Enable, facts.KeyArn,
                    $"DisableKey{by} made data encrypted under {key} unreadable; the caller is not an approved KMS administrator", key));
                return new Plan(actions, skipped, new Headline($"Re-enabled KMS key {key}", $"Would re-enable KMS key {key}"));
            case KmsTrigger.RotationDisabled or KmsTrigger.RotationNonCompliant:
                if (facts.RotationObstacle is { } obstacle)
                {
                    return Plan.ReportOnly($"automatic rotation does not apply to KMS key {key}: {obstacle}",
                        Headline.Same($"Reported rotation of KMS key {key}"));
                }
                if (facts.RotationEnabled)
                {
                    return Plan.ReportOnly($"automatic rotation of KMS key {key} is already enabled",
                        Headline.Same($"Reported rotation of KMS key {key} (already on)"));
                }
                actions.Add(KmsActions.Action(KmsActions.EnableRotation, facts.KeyArn,
                    facts.Trigger == KmsTrigger.RotationDisabled
                        ? $"DisableKeyRotation{by} turned rotation of {key} off; the caller is not an approved KMS administrator"
                        : $"Config cmk-backing-key-rotation-enabled: rotation of {key} is off",
                    key, (KmsActions.RotationPeriodInDays, period)));
                break;
        }

        if (policy.RotateOnDemand && facts.Trigger != KmsTrigger.RotationNonCompliant)
        {
            var obstacle = facts.RotationObstacle
                ?? (facts.OnDemandRotations >= KmsActions.OnDemandRotationLimit
                    ? $"{facts.OnDemandRotations} on-demand rotations already (limit {KmsActions.OnDemandRotationLimit})" : null);
            if (obstacle is null)
            {
                actions.Add(KmsActions.Action(KmsActions.RotateOnDemand, facts.KeyArn,
                    $"a non-approved principal tampered with {key}: new key material now (KMS_ROTATE_ON_DEMAND)", key));
            }
            else
            {
                skipped.Add($"on-demand rotation of {key} not applicable: {obstacle}");
            }
        }

        return facts.Trigger == KmsTrigger.DeletionScheduled
            ? new Plan(actions, skipped, new Headline($"Cancelled deletion of KMS key {key} and re-enabled it", $"Would cancel deletion of KMS key {key} and re-enable it"))
            : new Plan(actions, skipped, new Headline($"Enabled rotation of KMS key {key}", $"Would enable rotation of KMS key {key}"));
    }
}
