using System.Text.Json;
using Remediation.Tool.Routing.Matchers;

namespace Remediation.Tool.Routing;

/// <summary>Turns pattern JSON into conditions, rejecting what EventBridge rejects with a message that names the path.</summary>
internal static class PatternParser
{
    private const string OrKey = "$or";

    public static ObjectCondition ParseRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw PatternError.At("$", "an event pattern must be a JSON object");
        }
        return ParseObject(root, "");
    }

    private static ObjectCondition ParseObject(JsonElement obj, string path)
    {
        var fields = new List<FieldCondition>();
        var orGroups = new List<IReadOnlyList<ObjectCondition>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var fieldPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!seen.Add(property.Name))
            {
                throw PatternError.At(fieldPath, "the field appears twice");
            }
            if (property.Name == OrKey)
            {
                orGroups.Add(ParseOr(property.Value, fieldPath, path));
                continue;
            }
            fields.Add(property.Value.ValueKind switch
            {
                JsonValueKind.Object => FieldCondition.ForObject(property.Name, ParseObject(property.Value, fieldPath)),
                JsonValueKind.Array => FieldCondition.ForLeaf(property.Name, ParseLeaf(property.Value, fieldPath)),
                _ => throw PatternError.At(fieldPath, "must be an object or an array"),
            });
        }
        if (fields.Count == 0 && orGroups.Count == 0 && path.Length > 0)
        {
            throw PatternError.At(path, "an empty object matches nothing");
        }
        return new ObjectCondition(fields, orGroups);
    }

    private static List<ObjectCondition> ParseOr(JsonElement value, string orPath, string parentPath)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() < 2)
        {
            throw PatternError.At(orPath, "$or must be an array of at least two objects");
        }
        var alternatives = new List<ObjectCondition>();
        var index = 0;
        foreach (var alternative in value.EnumerateArray())
        {
            if (alternative.ValueKind != JsonValueKind.Object || !alternative.EnumerateObject().Any())
            {
                throw PatternError.At($"{orPath}[{index}]", "each $or alternative must be a non-empty object");
            }
            // Alternatives describe fields of the object that holds $or, so they share its path.
            alternatives.Add(ParseObject(alternative, parentPath));
            index++;
        }
        return alternatives;
    }

    private static LeafCondition ParseLeaf(JsonElement array, string path)
    {
        if (array.GetArrayLength() == 0)
        {
            throw PatternError.At(path, "empty arrays are not allowed");
        }
        var matchers = new List<IValueMatcher>();
        bool matchesWhenAbsent = false, matchesWhenPresent = false;
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            switch (item.ValueKind)
            {
                case JsonValueKind.Object:
                    var rule = OperatorParser.Parse(item, itemPath);
                    if (rule is ExistsRule exists)
                    {
                        matchesWhenPresent |= exists.Exists;
                        matchesWhenAbsent |= !exists.Exists;
                    }
                    else
                    {
                        matchers.Add((IValueMatcher)rule);
                    }
                    break;
                case JsonValueKind.Array:
                    throw PatternError.At(itemPath, "nested arrays are not allowed; list the alternatives in one array");
                default:
                    matchers.Add(new ExactValueMatcher(item.Clone()));
                    break;
            }
        }
        return new LeafCondition(matchers, matchesWhenAbsent, matchesWhenPresent);
    }
}
