using Remediation.Actions.Kms;
using Remediation.RotateKeys;

namespace Remediation.Tests.RotateKeys;

public class KmsPlannerTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/k1";
    private const string Ci = "arn:aws:iam::123456789012:role/ml-platform-ci";
    private static readonly RotateKeysSettings Policy = new("/p", "k", 7, ["arn:aws:iam::*:role/security-admin"], 180, false);

    private static KmsFacts Facts(KmsTrigger trigger, string? caller = Ci, bool rotation = false, string state = "Enabled", string? obstacle = null, int? onDemand = 0, int? window = 7) =>
        new(trigger, "k1", KeyArn, caller, window, rotation, state, obstacle, onDemand);

    [Fact]
    public void Config_non_compliance_enables_rotation_with_the_configured_period()
    {
        var plan = KmsPlanner.Decide(Facts(KmsTrigger.RotationNonCompliant, caller: null), Policy);

        var action = Assert.Single(plan.Actions);
        Assert.Equal(KmsActions.EnableRotation, action.Kind);
        Assert.Equal("180", action.Require(KmsActions.RotationPeriodInDays));
        Assert.Equal(KeyArn, action.Target);
    }

    [Fact]
    public void Scheduled_deletion_by_a_non_approved_principal_is_cancelled_then_the_key_enabled()
    {
        var plan = KmsPlanner.Decide(Facts(KmsTrigger.DeletionScheduled, state: "PendingDeletion"), Policy);

        Assert.Equal([KmsActions.CancelDeletion, KmsActions.Enable], plan.Actions.Select(a => a.Kind));
        Assert.Equal("7", plan.Actions[0].Require(KmsActions.PendingWindowInDays));
        Assert.Contains(Ci, plan.Actions[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Approved_administrators_changes_stand()
    {
        var plan = KmsPlanner.Decide(Facts(KmsTrigger.DeletionScheduled, caller: "arn:aws:iam::123456789012:role/security-admin", state: "PendingDeletion"), Policy);

        Assert.Empty(plan.Actions);
        Assert.Contains("approved KMS administrator", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_rotation_does_not_apply_to_are_reported()
    {
        var plan = KmsPlanner.Decide(Facts(KmsTrigger.RotationDisabled, obstacle: "key spec RSA_2048 is not symmetric encryption"), Policy);

        Assert.Empty(plan.Actions);
        Assert.Contains("RSA_2048", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_already_on_is_reported()
    {
        Assert.Empty(KmsPlanner.Decide(Facts(KmsTrigger.RotationNonCompliant, rotation: true), Policy).Actions);
    }

    [Fact]
    public void On_demand_rotation_follows_tampering_when_enabled_and_within_the_limit()
    {
        var onDemand = Policy with { RotateOnDemand = true };

        var plan = KmsPlanner.Decide(Facts(KmsTrigger.RotationDisabled, onDemand: 3), onDemand);
        Assert.Equal([KmsActions.EnableRotation, KmsActions.RotateOnDemand], plan.Actions.Select(a => a.Kind));

        var atLimit = KmsPlanner.Decide(Facts(KmsTrigger.RotationDisabled, onDemand: 25), onDemand);
        Assert.Equal([KmsActions.EnableRotation], atLimit.Actions.Select(a => a.Kind));
        Assert.Contains("limit 25", Assert.Single(atLimit.Skipped), StringComparison.Ordinal);

        Assert.DoesNotContain(KmsPlanner.Decide(Facts(KmsTrigger.RotationDisabled), Policy).Actions, a => a.Kind == KmsActions.RotateOnDemand);
    }

    [Fact]
    public void A_deletion_already_cancelled_is_reported()
    {
        Assert.Empty(KmsPlanner.Decide(Facts(KmsTrigger.DeletionScheduled, state: "Enabled"), Policy).Actions);
    }

    [Fact]
    public void A_deletion_cancelled_but_left_disabled_is_enabled_again_so_a_cut_short_attempt_is_completed()
    {
        // CancelKeyDeletion leaves the key Disabled: an attempt that cancelled and died before EnableKey leaves exactly this.
        var plan = KmsPlanner.Decide(Facts(KmsTrigger.DeletionScheduled, state: "Disabled"), Policy);
        Assert.Equal([KmsActions.Enable], plan.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void A_disabled_key_is_enabled_again_with_its_inverse_and_one_enabled_since_is_reported()
    {
        var plan = KmsPlanner.Decide(Facts(KmsTrigger.KeyDisabled, state: "Disabled"), Policy);
        var since = KmsPlanner.Decide(Facts(KmsTrigger.KeyDisabled, state: "Enabled"), Policy);
        var approved = KmsPlanner.Decide(Facts(KmsTrigger.KeyDisabled, caller: "arn:aws:iam::123456789012:role/security-admin", state: "Disabled"), Policy);

        Assert.Equal([KmsActions.Enable], plan.Actions.Select(a => a.Kind));
        Assert.Contains("DisableKey by " + Ci, plan.Actions[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("Re-enabled KMS key", plan.Headline.Done, StringComparison.Ordinal);
        Assert.Empty(since.Actions);
        Assert.Contains("not Disabled", since.Skipped[0], StringComparison.Ordinal);
        Assert.Empty(approved.Actions);
    }

    [Fact]
    public void A_key_policy_opened_to_another_account_is_reported_with_no_write()
    {
        var plan = KmsPlanner.Decide(Facts(KmsTrigger.PolicyOpened) with { Outsider = "account 444455556666" }, Policy);

        Assert.Empty(plan.Actions);
        Assert.Contains("let account 444455556666 use it; restore the previous key policy by hand", plan.Skipped[0], StringComparison.Ordinal);
    }
}
