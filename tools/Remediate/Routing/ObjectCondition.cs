using System.Text.Json;

namespace Remediation.Tool.Routing;

/// <summary>One object level of a pattern: every field must hold, and in every <c>$or</c> group one alternative must hold.</summary>
internal sealed class ObjectCondition(IReadOnlyList<FieldCondition> fields, IReadOnlyList<IReadOnlyList<ObjectCondition>> orGroups)
{
    /// <summary>Matches a node of the event; null means the node is absent.</summary>
    public bool Matches(JsonElement? node)
    {
        if (node is { ValueKind: JsonValueKind.Array } array)
        {
            // EventBridge crushes arrays: the pattern matches when one element (an object) matches it as a whole,
            // so fields taken from different array elements never combine.
            var elements = EventValues.CrushArray(array).ToList();
            return elements.Count == 0 ? MatchesSingle(null) : elements.Exists(e => MatchesSingle(e));
        }
        return MatchesSingle(node);
    }

    private bool MatchesSingle(JsonElement? node) =>
        fields.All(field => field.Matches(Child(node, field.Name)))
        && orGroups.All(group => group.Any(alternative => alternative.MatchesSingle(node)));

    private static JsonElement? Child(JsonElement? node, string name) =>
        node is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var child) ? child : null;
}
