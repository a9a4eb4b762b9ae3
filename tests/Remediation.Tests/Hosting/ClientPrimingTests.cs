using Remediation.Core.Configuration;
using Remediation.Core.Hosting;

namespace Remediation.Tests.Hosting;

/// <summary>Issue 13.3: the ledger client is primed during Lambda's init, and only there.</summary>
public sealed class ClientPrimingTests
{
    [Theory]
    [InlineData("on-demand")]
    [InlineData("provisioned-concurrency")]
    [InlineData("snap-start")]
    public async Task Lambda_initializing_reads_the_prime_key_once(string initialization)
    {
        var store = new ReadCounting();
        await ClientPriming.Start(Env(initialization), store);
        Assert.Equal([ClientPriming.PrimeKey], store.Reads);
    }

    [Fact]
    public async Task Drills_and_tests_never_prime_so_their_call_logs_hold_only_the_incident()
    {
        var store = new ReadCounting();
        await ClientPriming.Start(Env(null), store);
        Assert.Empty(store.Reads);
    }

    [Fact]
    public async Task A_failed_prime_is_ignored()
    {
        var store = new ReadCounting { Fail = true };
        await ClientPriming.Start(Env("on-demand"), store);
        Assert.Single(store.Reads);
    }

    [Fact]
    public void The_prime_key_is_never_an_incident_id()
    {
        Assert.StartsWith("inc-", IncidentIds.For("RevokeIamPermissions", ClientPriming.PrimeKey), StringComparison.Ordinal);
        Assert.False(ClientPriming.PrimeKey.StartsWith("inc-", StringComparison.Ordinal));
    }

    private static EnvironmentReader Env(string? initialization) =>
        new(new Dictionary<string, string?> { [ClientPriming.InitializationType] = initialization });

    private sealed class ReadCounting : IRecordStore
    {
        public List<string> Reads { get; } = [];

        public bool Fail { get; init; }

        public Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken ct)
        {
            lock (Reads)
            {
                Reads.Add(incidentId);
            }
            return Fail ? throw new HttpRequestException("unreachable (injected)") : Task.FromResult<IncidentRecord?>(null);
        }

        public Task<bool> TryPutAsync(IncidentRecord record, string? expectedToken, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<IncidentRecord>> ListAsync(CancellationToken ct) => throw new NotSupportedException();
    }
}
