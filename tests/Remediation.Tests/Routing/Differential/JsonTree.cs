namespace Remediation.Tests.Routing.Differential;

/// <summary>Small helpers for building JSON trees by path.</summary>
internal static class JsonTree
{
    public static void Set(JsonObject root, IReadOnlyList<string> path, JsonNode? value)
    {
        var node = root;
        foreach (var key in path.Take(path.Count - 1))
        {
            if (node[key] is not JsonObject child)
            {
                child = [];
                node[key] = child;
            }
            node = child;
        }
        node[path[^1]] = value;
    }

    /// <summary>The values an event holds at a path: one scalar, the elements of an array, or none.</summary>
    public static IReadOnlyList<JsonNode?> ValuesAt(JsonObject root, IReadOnlyList<string> path)
    {
        JsonNode? node = root;
        foreach (var key in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(key, out node))
            {
                return [];
            }
        }
        return node is JsonArray array ? [.. array] : [node];
    }

    public static JsonNode Number(object value) => value switch
    {
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        _ => throw new ArgumentException($"not a number: {value}", nameof(value)),
    };
}
