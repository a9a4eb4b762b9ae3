using System.Text.Json;

namespace Remediation.Tool.Routing;

/// <summary>How EventBridge sees the values of an event: arrays are crushed, only scalars are leaf values.</summary>
internal static class EventValues
{
    /// <summary>The elements of an array with nested arrays flattened into it.</summary>
    public static IEnumerable<JsonElement> CrushArray(JsonElement array)
    {
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var inner in CrushArray(element))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return element;
            }
        }
    }

    /// <summary>
    /// The scalar values at a path. An object, an empty array or an array of objects holds no leaf value here,
    /// so the field counts as absent ("exists" only works on leaf nodes).
    /// </summary>
    public static IReadOnlyList<JsonElement> LeafValues(JsonElement? value) => value switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } array => [.. CrushArray(array).Where(IsScalar)],
        { } single when IsScalar(single) => [single],
        _ => [],
    };

    public static bool IsScalar(JsonElement value) => value.ValueKind is
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null;
}
