using Remediation.Core.Configuration;

namespace Remediation.Core.Ledger;

/// <summary>
/// The ledger's rules: one record per incident, keyed by the deterministic incident id.
/// Every write is conditional on the previous claim token, so of two concurrent invocations exactly one wins,
/// a failed or stale claim can be taken over, and a finished incident is never redone.
/// </summary>
public sealed class IncidentLedger(IRecordStore store, RemediationSettings settings, TimeProvider time) : IIncidentLedger
{
    private const int MaxRemembered = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IncidentRecord> finished = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IncidentRecord? Finished(string incidentId) => finished.TryGetValue(incidentId, out var record) ? record : null;

    /// <inheritdoc />
    public async Task<Claim> ClaimAsync(string functionName, Finding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var incidentId = IncidentIds.For(functionName, finding.DedupeKey);
        var now = time.GetUtcNow();
        // Most events are new incidents: the conditional put alone claims them, one call on the critical path. When the
        // record exists, the refused put returns it, to decide between a duplicate, a busy claim and a takeover.
        var fresh = NewRecord(incidentId, functionName, finding, now);
        if (Finished(incidentId) is { } known)
        {
            return new Claim(ClaimOutcome.Duplicate, known, []);
        }
        var (created, head) = await store.TryCreateAsync(fresh, ct);
        if (created)
        {
            return new Claim(ClaimOutcome.Acquired, fresh, []);
        }
        // The refused put's answer decides a duplicate or a busy claim (storms of redeliveries are mostly these); a
        // takeover needs the actions too, read only then.
        if (head is null)
        {
            return new Claim(ClaimOutcome.Busy, fresh, []); // removed between the put and the read: the next delivery claims it
        }
        if (Settled(head, now) is { } settled)
        {
            return settled;
        }
        if (await store.GetAsync(incidentId, ct) is not { } existing)
        {
            return new Claim(ClaimOutcome.Busy, fresh, []);
        }
        if (Settled(existing, now) is { } changed)
        {
            return changed;
        }
        var resumeNotify = existing.State == IncidentState.Executed;
        var takeover = existing with
        {
            State = resumeNotify ? IncidentState.Executed : IncidentState.Claimed,
            ClaimToken = Guid.NewGuid().ToString("N"),
            ClaimedAt = now,
            UpdatedAt = now,
            Attempt = existing.Attempt + 1,
        };
        if (!await store.TryPutAsync(takeover, existing.ClaimToken, ct))
        {
            return new Claim(ClaimOutcome.Busy, existing, []);
        }
        return resumeNotify
            ? new Claim(ClaimOutcome.ResumeNotify, takeover, existing.Actions)
            : new Claim(ClaimOutcome.Acquired, takeover with { Actions = [] }, existing.Actions);
    }

    /// <summary>A duplicate (finished) or busy (freshly claimed elsewhere) incident; null when it may be taken over.</summary>
    private Claim? Settled(IncidentRecord existing, DateTimeOffset now)
    {
        switch (existing.State)
        {
            case IncidentState.Notified or IncidentState.RolledBack:
                Remember(existing);
                return new Claim(ClaimOutcome.Duplicate, existing, []);
            // An executed incident is still being notified by its claimant until the claim expires or is released:
            // taking it over now would publish a second message.
            case IncidentState.Claimed or IncidentState.Executed when now - existing.ClaimedAt < TimeSpan.FromSeconds(settings.ClaimTimeoutSeconds):
                return new Claim(ClaimOutcome.Busy, existing, []);
            default:
                return null;
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(IncidentRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!await store.TryPutAsync(record, record.ClaimToken, ct))
        {
            throw new ClaimLostException($"Incident {record.IncidentId} was taken over by another invocation; this one stops.");
        }
        if (record.State == IncidentState.Notified)
        {
            Remember(record);
        }
    }

    /// <summary>
    /// A finished incident stays finished (nothing moves a Notified or RolledBack record back to claimable), so this
    /// function instance answers its later redeliveries as duplicates without asking the table again.
    /// </summary>
    private void Remember(IncidentRecord record)
    {
        if (finished.Count >= MaxRemembered)
        {
            finished.Clear();
        }
        finished[record.IncidentId] = record with { Actions = [] };
    }

    /// <inheritdoc />
    public Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken ct) => store.GetAsync(incidentId, ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<IncidentRecord>> ListAsync(CancellationToken ct) =>
        [.. (await store.ListAsync(ct)).OrderByDescending(r => r.UpdatedAt)];

    private IncidentRecord NewRecord(string incidentId, string functionName, Finding finding, DateTimeOffset now) => new()
    {
        IncidentId = incidentId,
        Function = functionName,
        DedupeKey = finding.DedupeKey,
        FindingId = finding.FindingId,
        FindingType = finding.Type,
        Severity = finding.Severity.LabelText,
        Account = finding.AccountId,
        Region = finding.Region,
        State = IncidentState.Claimed,
        ClaimToken = Guid.NewGuid().ToString("N"),
        ClaimedAt = now,
        UpdatedAt = now,
        Attempt = 1,
        ExpiresAt = now.AddDays(settings.LedgerTtlDays).ToUnixTimeSeconds(),
    };
}
