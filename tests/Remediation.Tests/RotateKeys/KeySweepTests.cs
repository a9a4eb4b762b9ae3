using Remediation.Actions.AccessKeys;
using Remediation.Core.Aws.Iam;
using Remediation.RotateKeys;

namespace Remediation.Tests.RotateKeys;

public class KeySweepTests
{
    private static readonly DateTimeOffset Rotated = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private const string UserArn = "arn:aws:iam::123456789012:user/bot";

    private static ActionRecord Done(string kind, params (string, string)[] p) =>
        new(kind, UserArn, "", p.ToDictionary(x => x.Item1, x => x.Item2), ActionStatus.Done, "", null, new InverseRecord("x", UserArn, "", new Dictionary<string, string>()));

    private static IncidentRecord Record(IncidentState state, params ActionRecord[] actions) => new()
    {
        IncidentId = "inc-1", Function = "RotateKeys", DedupeKey = "d", FindingId = "f", FindingType = "t", Severity = "HIGH",
        Account = "123456789012", Region = "us-east-1", State = state, ClaimToken = "c", ClaimedAt = Rotated, Attempt = 1,
        UpdatedAt = Rotated, Actions = actions,
    };

    private static readonly ActionRecord Create = Done(AccessKeyActions.CreateAndStore, (AccessKeyActions.UserName, "bot"), (AccessKeyActions.Replaces, "AKIAOLD"));
    private static readonly ActionRecord Deactivate = Done(AccessKeyActions.SetStatus, (AccessKeyActions.UserName, "bot"), (AccessKeyActions.AccessKeyId, "AKIAOLD"), (AccessKeyActions.Status, "Inactive"));

    private const string Own = "123456789012";

    [Fact]
    public void Only_keys_our_rotation_replaced_and_deactivated_are_candidates()
    {
        Assert.Equal("AKIAOLD", Assert.Single(KeySweep.FromLedger([Record(IncidentState.Notified, Create, Deactivate)], Own)).AccessKeyId);
        Assert.Empty(KeySweep.FromLedger([Record(IncidentState.Notified, Deactivate)], Own));          // deactivated without a replacement
        Assert.Empty(KeySweep.FromLedger([Record(IncidentState.RolledBack, Create, Deactivate)], Own)); // undone
        Assert.Empty(KeySweep.FromLedger([Record(IncidentState.Notified, Create, Deactivate) with { Function = "RevokeIamPermissions" }], Own));
        // Another account's rotation is that account's to sweep: the key id alone would find it in no user here.
        Assert.Empty(KeySweep.FromLedger([Record(IncidentState.Notified, Create, Deactivate) with { Account = "210987654321" }], Own));
    }

    [Fact]
    public void Deletes_after_the_grace_period_only_and_never_a_reactivated_key()
    {
        var key = new DeactivatedKey("bot", UserArn, "AKIAOLD", "inc-1", Rotated);

        Assert.Empty(KeySweep.Decide([(key, AccessKeyStatus.Inactive)], 7, Rotated.AddDays(6)).Actions);
        var due = KeySweep.Decide([(key, AccessKeyStatus.Inactive)], 7, Rotated.AddDays(8));
        var delete = Assert.Single(due.Actions);
        Assert.Equal(AccessKeyActions.Delete, delete.Kind);
        Assert.Equal("AKIAOLD", delete.Require(AccessKeyActions.AccessKeyId));
        var reactivated = KeySweep.Decide([(key, AccessKeyStatus.Active)], 7, Rotated.AddDays(8));
        Assert.Empty(reactivated.Actions);
        Assert.Contains("reactivated", Assert.Single(reactivated.Skipped), StringComparison.Ordinal);
        Assert.Empty(KeySweep.Decide([(key, null)], 7, Rotated.AddDays(8)).Actions); // already gone
    }
}
