namespace Remediation.Core.Ledger;

/// <summary>Where incident records live: a key-value store with a conditional put on the claim token.</summary>
public interface IRecordStore
{
    /// <summary>Reads one record (strongly consistent).</summary>
    Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken ct);

    /// <summary>
    /// Writes the record if the stored one carries <paramref name="expectedToken"/>
    /// (or, when null, if none is stored). False when the condition fails.
    /// </summary>
    Task<bool> TryPutAsync(IncidentRecord record, string? expectedToken, CancellationToken ct);

    /// <summary>Every incident record.</summary>
    Task<IReadOnlyList<IncidentRecord>> ListAsync(CancellationToken ct);
}
