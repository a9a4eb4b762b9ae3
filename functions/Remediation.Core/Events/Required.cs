using System.Text.Json;

namespace Remediation.Core.Events;

/// <summary>Checks for required members; failures name the JSON path.</summary>
internal static class Required
{
    /// <summary>A required string: absent, null and "" all count as missing.</summary>
    public static string String(string? value, string path) =>
        string.IsNullOrEmpty(value) ? throw InvalidEventException.Missing(path) : value;

    public static T Value<T>(T? value, string path) where T : struct =>
        value ?? throw InvalidEventException.Missing(path);

    public static T Object<T>(T? value, string path) where T : class =>
        value ?? throw InvalidEventException.Missing(path);

    /// <summary>A raw member that must be a JSON object.</summary>
    public static JsonElement JsonObject(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Object => value,
        JsonValueKind.Undefined or JsonValueKind.Null => throw InvalidEventException.Missing(path),
        var kind => throw InvalidEventException.WrongType(path, "a JSON object", kind.ToString()),
    };
}
