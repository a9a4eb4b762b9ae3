using System.Text.Json;

namespace Remediation.Core.Events;

/// <summary>
/// Defensive reads of CloudTrail <c>requestParameters</c>/<c>responseElements</c>, whose shapes drift between
/// event versions (docs/aws-reference.md §0.9, §A3): <c>host: ["…"]</c> vs <c>Host: "…"</c>, <c>policy: [""]</c> vs
/// <c>policy: ""</c>, <c>bucketPolicy</c> as an object, IAM <c>policyDocument</c> as a JSON string.
/// Every method returns null rather than throwing, including when the parameters are null or not an object.
/// </summary>
public static class RequestParameters
{
    /// <summary>
    /// The first of <paramref name="names"/> present as a string or a one-element string array.
    /// Names match exactly first, then case-insensitively. Values are returned verbatim (also "").
    /// </summary>
    /// <param name="parameters">requestParameters or responseElements (any kind).</param>
    /// <param name="names">Member names to try, in order.</param>
    public static string? GetString(JsonElement parameters, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (RawJson.TryGetMember(parameters, name, out var value) && Scalar(value) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>
    /// A policy document as JSON text: a member holding an object (S3 <c>bucketPolicy</c>) gives its raw JSON,
    /// a member holding a JSON string (IAM <c>policyDocument</c>) gives the string. Empty values (<c>""</c>,
    /// <c>[""]</c>) are skipped, so <c>GetJsonDocumentText(p, "bucketPolicy", "policy")</c> finds the document in
    /// either record version.
    /// </summary>
    /// <param name="parameters">requestParameters (any kind).</param>
    /// <param name="names">Member names to try, in order.</param>
    public static string? GetJsonDocumentText(JsonElement parameters, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (!RawJson.TryGetMember(parameters, name, out var value))
            {
                continue;
            }

            var text = value.ValueKind == JsonValueKind.Object ? value.GetRawText() : Scalar(value);
            if (!string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>A nested object member (e.g. <c>responseElements.accessKey</c>), or null when absent or not an object.</summary>
    /// <param name="parameters">requestParameters or responseElements (any kind).</param>
    /// <param name="name">Member name (exact first, then case-insensitive).</param>
    public static JsonElement? GetObject(JsonElement parameters, string name) =>
        RawJson.TryGetMember(parameters, name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>A member holding a JSON number (or a numeric string), as invariant text; null otherwise.</summary>
    /// <param name="parameters">requestParameters or responseElements (any kind).</param>
    /// <param name="name">Member name (exact first, then case-insensitive).</param>
    public static string? GetNumberText(JsonElement parameters, string name) =>
        !RawJson.TryGetMember(parameters, name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var m)
            ? m.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => RawJson.AsString(value),
        JsonValueKind.Array when value.GetArrayLength() == 1 => RawJson.AsString(value[0]),
        _ => null,
    };

    /// <summary>A JSON boolean member (CloudTrail records setAsDefault as true/false), or null when absent or of another type.</summary>
    public static bool? GetBool(JsonElement parameters, string name) =>
        RawJson.TryGetMember(parameters, name, out var value)
            ? value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;
}
