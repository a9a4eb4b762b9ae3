using System.Text.Json;

namespace Remediation.Core.Aws.Protocol;

/// <summary>awsJson1_1 over <see cref="AwsProtocolClient"/>: JSON body in, parsed JSON out ("{}" when the body is empty).</summary>
internal sealed class JsonClient(AwsProtocolClient transport, string service, string targetPrefix)
{
    public JsonRequest Request(string operation) => new(targetPrefix, operation);

    public async Task<JsonElement> CallAsync(JsonRequest request, CancellationToken ct)
    {
        var response = await transport.SendAsync(request.ToWire(), r => JsonErrors.Parse(service, r), ct);
        if (response.Body.Length == 0)
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }

        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.Clone();
    }
}
