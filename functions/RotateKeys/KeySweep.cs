using System.Globalization;
using Remediation.Actions.AccessKeys;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Ledger;

namespace Remediation.RotateKeys;

/// <summary>A key our rotation deactivated, as the ledger records it.</summary>
/// <param name="UserName">The key's user.</param>
/// <param name="UserArn">The user's ARN (the action target).</param>
/// <param name="AccessKeyId">The old key.</param>
/// <param name="IncidentId">The rotation's incident.</param>
/// <param name="DeactivatedAt">When the incident recorded it (its last update: never earlier than the write).</param>
public sealed record DeactivatedKey(string UserName, string UserArn, string AccessKeyId, string IncidentId, DateTimeOffset DeactivatedAt);

/// <summary>
/// The daily sweep: deletes the old keys of <b>our rotations</b> (a recorded create+store that replaced the key, and a
/// recorded deactivation of it) once they have been Inactive longer than the grace period. Keys someone reactivated,
/// keys of rolled-back incidents and keys deactivated without a replacement (users not opted in) are never deleted.
/// Deletion is irreversible and recorded so. Runs in one account: the incidents of that account only.
/// </summary>
public sealed class KeySweep(IIncidentLedger ledger, IIam iam, RotateKeysSettings policy, TimeProvider time, string account)
{
    /// <summary>Keys our rotations deactivated in <paramref name="account"/>, from the ledger (pure).</summary>
    public static IReadOnlyList<DeactivatedKey> FromLedger(IEnumerable<IncidentRecord> records, string account)
    {
        ArgumentNullException.ThrowIfNull(records);
        var keys = new List<DeactivatedKey>();
        foreach (var record in records.Where(r => r.Function == RotateKeysPlaybook.Name && r.Account == account && r.State != IncidentState.RolledBack))
        {
            var done = record.Actions.Where(a => a.Status == ActionStatus.Done).ToList();
            var replaced = done.Where(a => a.Kind == AccessKeyActions.CreateAndStore && a.Inverse is not null)
                .Select(a => (User: a.Parameters.GetValueOrDefault(AccessKeyActions.UserName), Key: a.Parameters.GetValueOrDefault(AccessKeyActions.Replaces)))
                .ToHashSet();
            foreach (var a in done.Where(a => a.Kind == AccessKeyActions.SetStatus && a.Inverse is not null
                && a.Parameters.GetValueOrDefault(AccessKeyActions.Status) == nameof(AccessKeyStatus.Inactive)))
            {
                var user = a.Parameters[AccessKeyActions.UserName];
                var key = a.Parameters[AccessKeyActions.AccessKeyId];
                if (replaced.Contains((user, key)))
                {
                    keys.Add(new DeactivatedKey(user, a.Target, key, record.IncidentId, record.UpdatedAt));
                }
            }
        }
        return keys;
    }

    /// <summary>The sweep's decision for the keys as they are now (pure).</summary>
    public static Plan Decide(IReadOnlyList<(DeactivatedKey Key, AccessKeyStatus? Status)> candidates, int graceDays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var actions = new List<PlannedAction>();
        var skipped = new List<string>();
        foreach (var (key, status) in candidates.DistinctBy(c => c.Key.AccessKeyId))
        {
            var age = now - key.DeactivatedAt;
            if (status is null || age < TimeSpan.FromDays(graceDays))
            {
                continue; // already gone, or still within its grace period
            }
            var days = ((int)age.TotalDays).ToString(CultureInfo.InvariantCulture);
            if (status == AccessKeyStatus.Active)
            {
                skipped.Add($"access key {key.AccessKeyId} of {key.UserName} was reactivated after incident {key.IncidentId} deactivated it; not deleted");
                continue;
            }
            actions.Add(PlannedAction.Create(AccessKeyActions.Delete, key.UserArn,
                $"rotated out by incident {key.IncidentId} and Inactive for {days} days (grace period {graceDays} days)",
                (AccessKeyActions.UserName, key.UserName), (AccessKeyActions.AccessKeyId, key.AccessKeyId)));
        }
        var n = actions.Count.ToString(CultureInfo.InvariantCulture);
        return new Plan(actions, skipped, new Headline($"Deleted {n} rotated-out access key(s)", $"Would delete {n} rotated-out access key(s)"));
    }

    /// <summary>
    /// One firing's plan: the keys due for deletion, or, when none is, a quiet record that the sweep ran and found
    /// nothing (not published: a daily "nothing to do" would page no one usefully).
    /// </summary>
    public async Task<Plan> PlanAsync(CancellationToken ct)
    {
        var candidates = new List<(DeactivatedKey, AccessKeyStatus?)>();
        var now = time.GetUtcNow();
        foreach (var key in FromLedger(await ledger.ListAsync(ct), account).Where(k => now - k.DeactivatedAt >= TimeSpan.FromDays(policy.SweepGraceDays)))
        {
            candidates.Add((key, await StatusAsync(key, ct)));
        }
        var plan = Decide(candidates, policy.SweepGraceDays, now);
        return plan.Actions.Count == 0 && plan.Skipped.Count == 0
            ? Plan.NotAnIncident($"sweep: no rotated-out access key has been Inactive longer than {policy.SweepGraceDays} days",
                Headline.Same("Swept rotated-out access keys: none due"))
            : plan;
    }

    private async Task<AccessKeyStatus?> StatusAsync(DeactivatedKey key, CancellationToken ct)
    {
        try
        {
            return (await iam.ListAccessKeysAsync(key.UserName, ct)).FirstOrDefault(k => k.AccessKeyId == key.AccessKeyId)?.Status;
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            return null; // the user is gone, and its keys with it
        }
    }
}
