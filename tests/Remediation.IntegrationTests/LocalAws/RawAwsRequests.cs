using System.Globalization;
using System.Text;

namespace Remediation.IntegrationTests.LocalAws;

/// <summary>
/// Sends AWS protocol requests to the emulation without signing them (moto does not check
/// signatures); the Authorization header only carries the credential scope that names the service.
/// Lets tests see raw status codes and error bodies.
/// </summary>
internal sealed class RawAwsRequests(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<(int Status, string Body)> JsonAsync(string service, string target, string json)
    {
        using var request = NewRequest(service);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return await SendAsync(request);
    }

    public async Task<(int Status, string Body)> QueryAsync(string service, IEnumerable<KeyValuePair<string, string>> form)
    {
        using var request = NewRequest(service);
        request.Content = new FormUrlEncodedContent(form);
        return await SendAsync(request);
    }

    private static HttpRequestMessage NewRequest(string service)
    {
        var now = DateTime.UtcNow;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=testing/{now:yyyyMMdd}/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0");
        return request;
    }

    private async Task<(int Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}
