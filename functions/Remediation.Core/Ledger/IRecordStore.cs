namespace Remediation.Core.Ledger;

/// <summary>Where incident records live: a key-value store with a conditional put on the claim token.</summary>
public interface IRecordStore
{
    /// <summary>Reads one record (strongly consistent).</summary>
    Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken ct);

    /// <summary>
    /// Creates the record if none is stored. When one is, returns it, possibly without its actions (its state, claim
    /// and outcome are what a claim decides on): a duplicate or a busy claim then costs the one call.
    /// </summary>
    async Task<(bool Created, IncidentRecord? Existing)> TryCreateAsync(IncidentRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await TryPutAsync(record, expectedToken: null, ct) ? (true, null) : (false, await GetAsync(record.IncidentId, ct));
    }

    /// <summary>
    /// Writes the record if the stored one carries <paramref name="expectedToken"/>
    /// (or, when null, if none is stored). False when the condition fails.
    /// </summary>
    Task<bool> TryPutAsync(IncidentRecord record, string? expectedToken, CancellationToken ct);

    /// <summary>Every incident record.</summary>
    Task<IReadOnlyList<IncidentRecord>> ListAsync(CancellationToken ct);
}
