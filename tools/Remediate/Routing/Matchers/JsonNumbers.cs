using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary>Reads JSON numbers without throwing on values a double cannot hold (e.g. 1e400).</summary>
internal static class JsonNumbers
{
    public static bool TryGet(JsonElement value, out double number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out number) && double.IsFinite(number);
    }
}
