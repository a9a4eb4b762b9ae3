using System.Globalization;
using System.Text.Json;
using Remediation.Actions.AccessKeys;
using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Findings;
using Remediation.Core.Incidents;
using Remediation.Core.Ledger;
using Remediation.Core.Pipeline;

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
/// Deletion is irreversible and recorded so.
/// </summary>
public sealed class KeySweep(IIncidentLedger ledger, IIam iam, RotateKeysSettings policy, TimeProvider time) : IPlaybook
{
    /// <summary>The dedupe-key prefix of sweep incidents.</summary>
    public const string FindingType = "RotateKeys:Sweep";

    /// <inheritdoc />
    public string FunctionName => RotateKeysPlaybook.Name;

    /// <summary>Keys our rotations deactivated, from the ledger (pure).</summary>
    public static IReadOnlyList<DeactivatedKey> FromLedger(IEnumerable<IncidentRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var keys = new List<DeactivatedKey>();
        foreach (var record in records.Where(r => r.Function == RotateKeysPlaybook.Name && r.State != IncidentState.RolledBack))
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

    // The handler plans a firing first to tell "nothing to do" (a log line) from an incident; the pipeline then asks
    // again for the same firing. One ledger scan per firing: the second ask gets the first answer.
    private (string FindingId, Plan Plan)? planned;

    /// <inheritdoc />
    public async Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (planned is { } p && p.FindingId == finding.FindingId)
        {
            planned = null;
            return p.Plan;
        }
        var plan = await ScanAsync(ct);
        planned = (finding.FindingId, plan);
        return plan;
    }

    private async Task<Plan> ScanAsync(CancellationToken ct)
    {
        var candidates = new List<(DeactivatedKey, AccessKeyStatus?)>();
        var now = time.GetUtcNow();
        foreach (var key in FromLedger(await ledger.ListAsync(ct)).Where(k => now - k.DeactivatedAt >= TimeSpan.FromDays(policy.SweepGraceDays)))
        {
            candidates.Add((key, await StatusAsync(key, ct)));
        }
        return Decide(candidates, policy.SweepGraceDays, now);
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

    /// <summary>The finding a scheduled event stands for: one sweep per schedule firing (the event id dedupes it).</summary>
    public static Finding FindingFor(JsonElement scheduledEvent, int graceDays, DateTimeOffset now)
    {
        var id = scheduledEvent.GetProperty("id").GetString() ?? throw new InvalidOperationException("scheduled event without id");
        var account = scheduledEvent.TryGetProperty("account", out var a) ? a.GetString() ?? "" : "";
        var region = scheduledEvent.TryGetProperty("region", out var r) ? r.GetString() ?? "" : "";
        var detail = scheduledEvent.TryGetProperty("detail", out var d) ? d.Clone() : default;
        return new Finding(FindingSource.Schedule, id, "sweep:" + id, "schedule:" + id, FindingType,
            $"Daily sweep: delete access keys rotated out more than {graceDays} days ago",
            new Severity(5), account, region, now, IsSample: false, Principal: null, Resource: null,
            ApiCall: null, Compliance: null, Scan: null, detail);
    }
}
