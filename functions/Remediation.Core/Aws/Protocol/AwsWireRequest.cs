namespace Remediation.Core.Aws.Protocol;

/// <summary>One serialized request: a POST to "/" with a body and protocol headers.</summary>
internal sealed record AwsWireRequest(string Operation, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Headers);

/// <summary>A raw HTTP answer, status and body, with the headers error parsing needs.</summary>
internal sealed record AwsWireResponse(int StatusCode, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
