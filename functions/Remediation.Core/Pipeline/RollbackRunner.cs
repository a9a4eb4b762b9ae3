using Remediation.Core.Ledger;

namespace Remediation.Core.Pipeline;

/// <summary>
/// Applies an incident's recorded inverse actions, newest first, and records that in the ledger.
/// Rolling back twice is harmless: a rolled-back incident is left as it is. The executor is chosen per incident, so
/// an incident of a member account is undone there, through the member role its record names.
/// </summary>
public sealed class RollbackRunner(IIncidentLedger ledger, Func<IncidentRecord, CancellationToken, Task<PlanExecutor>> executorFor, TimeProvider time)
{
    /// <summary>One executor for every incident (single-account mode, tests).</summary>
    public RollbackRunner(IIncidentLedger ledger, PlanExecutor executor, TimeProvider time)
        : this(ledger, (_, _) => Task.FromResult(executor), time)
    {
    }

    /// <summary>Rolls the incident back; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    public async Task<IncidentRecord> RollbackAsync(string incidentId, CancellationToken ct)
    {
        var record = await ledger.GetAsync(incidentId, ct) ?? throw new KeyNotFoundException($"No incident {incidentId} in the ledger.");
        if (record.State == IncidentState.RolledBack)
        {
            return record;
        }
        var executor = await executorFor(record, ct);
        var results = new List<ActionRecord>();
        // A started write may have landed before its attempt died: its recorded inverse is applied too (inverses are
        // idempotent: restoring a state that was never changed changes nothing).
        foreach (var done in record.Actions.Where(ActionStatuses.MayHaveWritten).Reverse())
        {
            // Some writes cannot be undone (a stopped training job cannot resume, a deleted key is gone): say so.
            results.Add(done.Inverse is { } inverse
                ? await executor.RunAsync(ActionRecords.ToAction(inverse), ct)
                : done with { Status = ActionStatus.Skipped, Detail = "not reversible: " + done.Detail, Inverse = null });
        }
        var failed = results.Any(r => r.Status == ActionStatus.Failed);
        var updated = record with
        {
            State = failed ? record.State : IncidentState.RolledBack,
            Rollback = results,
            UpdatedAt = time.GetUtcNow(),
        };
        await ledger.SaveAsync(updated, ct);
        return updated;
    }
}
