using Remediation.Core.Ledger;

namespace Remediation.Core.Pipeline;

/// <summary>
/// An operator's release of a held incident (<c>remediate release</c>): marked so its next run goes past the breaker,
/// and its claim's time set back so that run may start at once.
/// </summary>
public static class IncidentRelease
{
    /// <summary>Marks the held incident released; throws <see cref="InvalidOperationException"/> for one that is not held.</summary>
    public static async Task<IncidentRecord> ReleaseAsync(IIncidentLedger ledger, string incidentId, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        var record = await ledger.GetAsync(incidentId, ct) ?? throw new KeyNotFoundException($"No incident {incidentId} in the ledger.");
        if (record.State != IncidentState.Held)
        {
            throw new InvalidOperationException($"Incident {incidentId} is {record.State}, not held; nothing to release.");
        }
        var released = record with { Released = true, ClaimedAt = DateTimeOffset.UnixEpoch, UpdatedAt = time.GetUtcNow() };
        await ledger.SaveAsync(released, ct);
        return released;
    }
}
