using System.Text.Json;

namespace Remediation.Core.Aws.Protocol;

/// <summary>Reads awsJson errors the way botocore does (docs/aws-reference.md §B0).</summary>
internal static class JsonErrors
{
    public static AwsServiceException Parse(string service, AwsWireResponse response)
    {
        string? type = null, message = null;
        try
        {
            using var document = JsonDocument.Parse(response.Body.Length == 0 ? "{}"u8.ToArray() : response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                type = StringMember(document.RootElement, "__type");
                message = StringMember(document.RootElement, "message") ?? StringMember(document.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the header or the HTTP status names the error.
        }

        var code = NormaliseCode(type) ?? NormaliseCode(response.Header("x-amzn-ErrorType")) ?? QueryErrors.FallbackCode(response.StatusCode);
        return new AwsServiceException(service, code, message ?? "", response.StatusCode, response.Header("x-amzn-RequestId"));
    }

    /// <summary>"com.amazon.coral.service#ValidationException:http://..." → "ValidationException": the part before ':', then after '#'.</summary>
    public static string? NormaliseCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw.Split(':')[0];
        var hash = code.LastIndexOf('#');
        code = hash >= 0 ? code[(hash + 1)..] : code;
        return code.Length == 0 ? null : code.Trim();
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
