using System.Globalization;
using System.Text.Json;

namespace Remediation.StopTrainingJob;

/// <summary>
/// Defensive reads of CloudTrail requestParameters by a dotted camelCase path ("resourceConfig.instanceCount").
/// Names match exactly first, then case-insensitively; a missing member, a null or a value of another kind is "not set"
/// (docs/aws-reference.md §0.9, §A3: shapes drift, and members the caller omitted are absent).
/// </summary>
internal static class RequestFields
{
    public static JsonElement? Get(JsonElement root, string path)
    {
        var node = root;
        foreach (var name in path.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !TryMember(node, name, out node))
            {
                return null;
            }
        }
        return node.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : node;
    }

    public static string? String(JsonElement root, string path) =>
        Get(root, path) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>A boolean; "true"/"false" strings are accepted too (some trails stringify scalars).</summary>
    public static bool? Bool(JsonElement root, string path) => Get(root, path) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s when bool.TryParse(s.GetString(), out var b) => b,
        _ => null,
    };

    /// <summary>A whole number; numeric strings are accepted too.</summary>
    public static long? Number(JsonElement root, string path) => Get(root, path) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var v) => v,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    /// <summary>The elements of an array member (none when absent or not an array).</summary>
    public static IEnumerable<JsonElement> Items(JsonElement root, string path) =>
        Get(root, path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    private static bool TryMember(JsonElement node, string name, out JsonElement value)
    {
        if (node.TryGetProperty(name, out value))
        {
            return true;
        }
        foreach (var property in node.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }
}
