using System.Net.Http.Headers;
using Amazon.Runtime;

namespace Remediation.Core.Aws.Protocol;

/// <summary>
/// Sends signed POST requests to one service endpoint and retries throttling and server faults with full-jitter
/// backoff. Thread-safe; one instance per service, sharing one <see cref="HttpClient"/>.
/// </summary>
internal sealed class AwsProtocolClient
{
    private readonly AwsServiceEndpoint _endpoint;
    private readonly HttpClient _http;
    private readonly AWSCredentials _credentials;
    private readonly AwsRequestSigner _signer;
    private readonly AwsRetryPolicy _retry;
    private readonly AwsClientRuntime _runtime;

    public AwsProtocolClient(AwsServiceEndpoint endpoint, HttpClient http, AWSCredentials credentials, AwsRetryOptions retry, AwsClientRuntime runtime)
    {
        _endpoint = endpoint;
        _http = http;
        _credentials = credentials;
        _signer = new AwsRequestSigner(endpoint);
        _retry = new AwsRetryPolicy(retry);
        _runtime = runtime;
    }

    public AwsServiceEndpoint Endpoint => _endpoint;

    /// <summary>Sends the request; returns a 2xx answer or throws the error <paramref name="parseError"/> reads.</summary>
    public async Task<AwsWireResponse> SendAsync(AwsWireRequest request, Func<AwsWireResponse, AwsServiceException> parseError, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            AwsWireResponse response;
            try
            {
                response = await SendOnceAsync(request, ct);
            }
            catch (HttpRequestException) when (_retry.HasAttemptsLeft(attempt) && !ct.IsCancellationRequested)
            {
                await _runtime.Delay(_retry.Backoff(attempt, _runtime.NextUnitRandom()), ct);
                continue;
            }

            if (response.StatusCode is >= 200 and < 300)
            {
                return response;
            }

            var error = parseError(response);
            if (!AwsRetryPolicy.IsRetryable(error.StatusCode, error.ErrorCode) || !_retry.HasAttemptsLeft(attempt))
            {
                throw error;
            }

            await _runtime.Delay(_retry.Backoff(attempt, _runtime.NextUnitRandom()), ct);
        }
    }

    private async Task<AwsWireResponse> SendOnceAsync(AwsWireRequest request, CancellationToken ct)
    {
        var credentials = await _credentials.GetCredentialsAsync();
        var headers = _signer.Sign(request, credentials, _runtime.Time.GetUtcNow().UtcDateTime);

        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint.Url) { Content = new ByteArrayContent(request.Body) };
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                // HttpClient writes Host from the URL, which is what the signer signed.
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        return new AwsWireResponse((int)response.StatusCode, body, responseHeaders);
    }
}
