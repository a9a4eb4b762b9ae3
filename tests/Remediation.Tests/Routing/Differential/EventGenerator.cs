namespace Remediation.Tests.Routing.Differential;

/// <summary>Random events over <see cref="CorpusField.All"/>, with occasional wrong types, nulls and missing fields.</summary>
internal sealed class EventGenerator(Random random)
{
    public JsonObject Next()
    {
        var evt = new JsonObject { ["version"] = "0", ["id"] = $"evt-{random.Next(1000)}" };
        foreach (var field in CorpusField.All.Where(_ => random.NextDouble() < 0.85))
        {
            JsonTree.Set(evt, field.Path, ValueFor(field.Kind));
        }
        if (random.NextDouble() < 0.05 && evt["detail"] is JsonObject detail)
        {
            // A scalar where the pattern expects an object: nested fields are then absent.
            detail["resource"] = "not-an-object";
        }
        return evt;
    }

    private JsonNode? ValueFor(FieldKind kind)
    {
        var roll = random.NextDouble();
        return kind switch
        {
            FieldKind.Text => roll < 0.06 ? JsonValue.Create(5) : roll < 0.1 ? null : Text(),
            FieldKind.Number => roll < 0.06 ? JsonValue.Create("5") : roll < 0.1 ? null : Number(),
            // Never a number here: moto treats true as 1 (Python bools are ints).
            FieldKind.Boolean => roll < 0.08 ? JsonValue.Create("true") : roll < 0.12 ? null : JsonValue.Create(random.Next(2) == 0),
            FieldKind.TextList => roll < 0.1 ? Text() : new JsonArray([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Text())]),
            FieldKind.NumberList => roll < 0.1 ? Number() : new JsonArray([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Number())]),
            // Never a number here: moto's cidr accepts integers as addresses.
            FieldKind.IpAddress => roll < 0.08 ? null : JsonValue.Create(Pick(CorpusValues.IpAddresses)),
            FieldKind.NullableText => roll < 0.4 ? null : Text(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private JsonValue Text() => JsonValue.Create(Pick(CorpusValues.Texts));

    private JsonNode Number() => JsonTree.Number(Pick(CorpusValues.Numbers));

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
