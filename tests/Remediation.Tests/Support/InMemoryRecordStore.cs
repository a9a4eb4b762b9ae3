using System.Collections.Concurrent;

namespace Remediation.Tests.Support;

/// <summary>The ledger's store with DynamoDB's conditional-put semantics, in memory.</summary>
internal sealed class InMemoryRecordStore : IRecordStore
{
    private readonly ConcurrentDictionary<string, IncidentRecord> items = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private int puts;

    /// <summary>Put numbers (1-based, counting every conditional put) that fail as if DynamoDB were unreachable.</summary>
    public HashSet<int> FailingPuts { get; } = [];

    /// <summary>Every put that landed, in order: the record's state and its actions' statuses ("Claimed: Started").</summary>
    public List<string> Landed { get; } = [];

    public Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken ct) =>
        Task.FromResult(items.TryGetValue(incidentId, out var r) ? r : null);

    public Task<bool> TryPutAsync(IncidentRecord record, string? expectedToken, CancellationToken ct)
    {
        lock (gate)
        {
            if (FailingPuts.Contains(++puts))
            {
                throw new HttpRequestException($"ledger put #{puts} lost (injected)");
            }
            var exists = items.TryGetValue(record.IncidentId, out var current);
            var ok = expectedToken is null ? !exists : exists && current!.ClaimToken == expectedToken;
            if (ok)
            {
                items[record.IncidentId] = record;
                Landed.Add($"{record.State}: {string.Join(", ", record.Actions.Select(a => a.Status))}");
            }
            return Task.FromResult(ok);
        }
    }

    public Task<IReadOnlyList<IncidentRecord>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<IncidentRecord>>([.. items.Values]);
}
