using System.Xml.Linq;

namespace Remediation.Core.Aws.Protocol;

/// <summary>Query protocol over <see cref="AwsProtocolClient"/>: form body in, &lt;OpResult&gt; element out.</summary>
internal sealed class QueryClient(AwsProtocolClient transport, string service, string version)
{
    public QueryRequest Request(string action) => new(action, version);

    public async Task<XElement> CallAsync(QueryRequest request, CancellationToken ct)
    {
        var response = await transport.SendAsync(request.ToWire(), r => QueryErrors.Parse(service, r), ct);
        return QueryXml.Result(response.Body, request.Action);
    }
}
