using System.Text;
using System.Text.Json.Nodes;

namespace Remediation.Core.Aws.Protocol;

/// <summary>
/// Builds an awsJson1_1 request: X-Amz-Target "&lt;prefix&gt;.&lt;Op&gt;", Content-Type application/x-amz-json-1.1,
/// a JSON object with the model's PascalCase members in the order added; null members are left out (docs/aws-reference.md §B0, §B4).
/// </summary>
internal sealed class JsonRequest(string targetPrefix, string operation)
{
    private readonly JsonObject _body = [];

    public string Operation { get; } = operation;

    public JsonRequest Add(string name, string? value)
    {
        if (value is not null)
        {
            _body[name] = value;
        }

        return this;
    }

    public JsonRequest Add(string name, int? value)
    {
        if (value is not null)
        {
            _body[name] = value.Value;
        }

        return this;
    }

    public string BodyText => _body.ToJsonString();

    public AwsWireRequest ToWire() => new(
        Operation,
        Encoding.UTF8.GetBytes(BodyText),
        "application/x-amz-json-1.1",
        new Dictionary<string, string> { ["X-Amz-Target"] = targetPrefix + "." + Operation });
}
