using System.Text.Json;

namespace Remediation.Tool.Routing;

/// <summary>The condition on one named field: either a nested object pattern or a leaf (array of alternatives).</summary>
internal sealed class FieldCondition
{
    private readonly ObjectCondition? nested;
    private readonly LeafCondition? leaf;

    private FieldCondition(string name, ObjectCondition? nested, LeafCondition? leaf)
    {
        Name = name;
        this.nested = nested;
        this.leaf = leaf;
    }

    public string Name { get; }

    public static FieldCondition ForObject(string name, ObjectCondition nested) => new(name, nested, null);

    public static FieldCondition ForLeaf(string name, LeafCondition leaf) => new(name, null, leaf);

    /// <summary>Matches the field's value in the event; null means the field is absent.</summary>
    public bool Matches(JsonElement? value) =>
        nested is not null ? nested.Matches(value) : leaf!.Matches(EventValues.LeafValues(value));
}
