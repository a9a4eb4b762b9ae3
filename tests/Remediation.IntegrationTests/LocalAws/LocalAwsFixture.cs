using System.Text;
using Remediation.Tool.Local;

namespace Remediation.IntegrationTests.LocalAws;

/// <summary>
/// One local AWS emulation (moto plus tests/LocalAws extensions) shared by the "LocalAws" collection.
/// </summary>
public sealed class LocalAwsFixture : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private LocalAwsProcess? _process;

    public string RepoRoot { get; } = FindRepoRoot();

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public string EndpointUrl { get; private set; } = "";

    /// <summary>The exact line the emulation printed when it became ready.</summary>
    public string ReadyLine => _process?.ReadyLine ?? "";

    public async Task InitializeAsync()
    {
        _process = await LocalAwsProcess.StartAsync(RepoRoot, ReadyTimeout);
        EndpointUrl = ReadyLine["READY ".Length..].Trim();
        Endpoint = new Uri(EndpointUrl);
        _http.BaseAddress = Endpoint;
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
        _http.Dispose();
    }

    public async Task<JsonDocument> SeedAsync(string worldJson)
    {
        using var content = new StringContent(worldJson, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("/_localaws/seed", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding the emulation failed ({(int)response.StatusCode}): {body}");
        }

        return JsonDocument.Parse(body);
    }

    public async Task<IReadOnlyList<RecordedCall>> CallsAsync()
    {
        using var document = await GetJsonAsync("/_localaws/calls");
        return document.RootElement.GetProperty("calls").EnumerateArray().Select(call => new RecordedCall(
            call.GetProperty("service").GetString()!,
            call.GetProperty("operation").GetString()!,
            call.GetProperty("parameters").Clone(),
            call.GetProperty("status").GetInt32(),
            DateTimeOffset.Parse(call.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
        {
            Path = call.TryGetProperty("path", out var path) ? path.GetString() ?? "" : "",
            Account = call.TryGetProperty("account", out var account) ? account.GetString() ?? "" : "",
            CopySource = call.GetProperty("headers").TryGetProperty("x-amz-copy-source", out var copy) ? copy.GetString() ?? "" : "",
            ChecksumAlgorithm = call.GetProperty("headers").TryGetProperty("x-amz-checksum-algorithm", out var algorithm) ? algorithm.GetString() ?? "" : "",
            ResponseBytes = call.TryGetProperty("responseBytes", out var bytes) ? bytes.GetInt64() : 0,
            Ended = DateTimeOffset.Parse(call.GetProperty("ended").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
    }

    public Task ClearCallsAsync() => SendAsync(HttpMethod.Delete, "/_localaws/calls");

    public async Task SetFaultsAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("/_localaws/faults", UriKind.Relative), content);
        await EnsureOkAsync(response, "Setting faults");
    }

    /// <summary>Faults still waiting for matching requests (GET /_localaws/faults).</summary>
    public Task<JsonDocument> PendingFaultsAsync() => GetJsonAsync("/_localaws/faults");

    public Task ClearFaultsAsync() => SendAsync(HttpMethod.Delete, "/_localaws/faults");

    public Task ResetAsync() => SendAsync(HttpMethod.Post, "/_localaws/reset");

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        await EnsureOkAsync(response, $"GET {path}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        using var response = await _http.SendAsync(request);
        await EnsureOkAsync(response, $"{method} {path}");
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{what} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }
    }

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Remediation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Remediation.sln above {AppContext.BaseDirectory}.");
    }
}
