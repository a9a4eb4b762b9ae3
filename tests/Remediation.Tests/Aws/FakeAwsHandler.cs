using System.Net;
using System.Text;

namespace Remediation.Tests.Aws;

/// <summary>An HTTP handler that records every request and answers from a queue (the last answer repeats).</summary>
internal sealed class FakeAwsHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();
    private Func<HttpResponseMessage> _last = () => Answer(HttpStatusCode.OK, "");

    public List<CapturedRequest> Requests { get; } = [];

    public FakeAwsHandler Then(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        _answers.Enqueue(() => Answer(status, body, headers));
        return this;
    }

    public FakeAwsHandler ThenOk(string body) => Then(HttpStatusCode.OK, body);

    public FakeAwsHandler ThenConnectionFailure()
    {
        _answers.Enqueue(() => throw new HttpRequestException("connection refused"));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new CapturedRequest(request.Method.Method, request.RequestUri!, headers, body));
        if (_answers.Count > 0)
        {
            _last = _answers.Dequeue();
        }

        return _last();
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}

internal sealed record CapturedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
