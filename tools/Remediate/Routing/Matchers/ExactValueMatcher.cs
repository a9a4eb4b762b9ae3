using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary>An exact value: strings compare ordinally, numbers by value, true/false/null by kind.</summary>
internal sealed class ExactValueMatcher(JsonElement expected) : IValueMatcher
{
    public bool Matches(JsonElement value)
    {
        if (value.ValueKind != expected.ValueKind)
        {
            return false;
        }
        return expected.ValueKind switch
        {
            JsonValueKind.String => string.Equals(value.GetString(), expected.GetString(), StringComparison.Ordinal),
            JsonValueKind.Number => JsonNumbers.TryGet(value, out var actual) && JsonNumbers.TryGet(expected, out var wanted)
                ? actual == wanted
                : string.Equals(value.GetRawText(), expected.GetRawText(), StringComparison.Ordinal),
            _ => true,
        };
    }
}
