using System.Text.Json;

namespace Remediation.Core.Events;

/// <summary>Safe reads of raw (free-form) JSON members: wrong kinds give null, never an exception.</summary>
internal static class RawJson
{
    public static bool IsObject(JsonElement element) => element.ValueKind == JsonValueKind.Object;

    /// <summary>A member of an object, matched by exact name first, then case-insensitively.</summary>
    public static bool TryGetMember(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        if (!IsObject(element))
        {
            return false;
        }

        if (element.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var member in element.EnumerateObject())
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = member.Value;
                return true;
            }
        }

        return false;
    }

    /// <summary>The string value of a string element, or null (also for strings with lone surrogate escapes).</summary>
    public static string? AsString(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static string? StringMember(JsonElement element, string name) =>
        TryGetMember(element, name, out var value) ? AsString(value) : null;
}
