using System.Text;
using System.Text.Json;

namespace Remediation.Tool.Local;

/// <summary>The emulation's own endpoints: seed a world, read the request log.</summary>
internal sealed class LocalAwsControl(string endpoint) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(endpoint.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };

    public async Task SeedAsync(string worldJson, CancellationToken ct)
    {
        using var content = new StringContent(worldJson, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("_localaws/seed", content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new UsageException($"the emulation refused the world file: {(int)response.StatusCode} {body}");
        }
    }

    /// <summary>The request log, or null when the endpoint is not our emulation.</summary>
    public async Task<JsonElement[]?> CallsAsync(CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("_localaws/calls", ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return [.. doc.RootElement.GetProperty("calls").EnumerateArray().Select(c => c.Clone())];
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Forgets every resource, call and fault (benchmarks start each repeat from the same world).</summary>
    public async Task ResetAsync(CancellationToken ct)
    {
        using var response = await http.PostAsync("_localaws/reset", null, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Replaces the injected faults (null: none), e.g. a latency on every call.</summary>
    public async Task SetFaultsAsync(string? faultsJson, CancellationToken ct)
    {
        using (var cleared = await http.DeleteAsync("_localaws/faults", ct))
        {
            cleared.EnsureSuccessStatusCode();
        }
        if (faultsJson is not null)
        {
            using var content = new StringContent(faultsJson, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("_localaws/faults", content, ct);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Empties the request log (benchmarks read one invocation's calls at a time).</summary>
    public async Task ClearCallsAsync(CancellationToken ct)
    {
        using var response = await http.DeleteAsync("_localaws/calls", ct);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}
