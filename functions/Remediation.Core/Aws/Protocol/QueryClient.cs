using System.Xml.Linq;

namespace Remediation.Core.Aws.Protocol;

/// <summary>Query protocol over <see cref="AwsProtocolClient"/>: form body in, &lt;OpResult&gt; element out.</summary>
internal sealed class QueryClient(AwsProtocolClient transport, string service, string version)
{
    public QueryRequest Request(string action) => new(action, version);

    public async Task<XElement> CallAsync(QueryRequest request, CancellationToken ct)
    {
        var wire = request.ToWire();
        byte[] body;
        if (Pipeline.AttemptScope.Current is not { } attempt || service != "iam")
        {
            body = await SendAsync(wire, ct);
        }
        else if (IsRead(request.Action))
        {
            // Within one attempt the playbook, the guardrails and the handlers ask IAM the same questions (a user's
            // tags, keys, attached policies): asked once (docs/architecture.md §steps).
            body = await attempt.Reads(this, System.Text.Encoding.UTF8.GetString(wire.Body), () => SendAsync(wire, ct));
        }
        else
        {
            attempt.Forget();
            body = await SendAsync(wire, ct);
        }
        return QueryXml.Result(body, request.Action);
    }

    private async Task<byte[]> SendAsync(AwsWireRequest wire, CancellationToken ct) =>
        (await transport.SendAsync(wire, r => QueryErrors.Parse(service, r), ct)).Body;

    private static bool IsRead(string action) =>
        action.StartsWith("Get", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal);
}
