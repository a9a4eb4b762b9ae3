using System.Text.Json;

namespace Remediation.Core.Routing.Matchers;

/// <summary><c>numeric</c>: <c>["=", x]</c> or at most one lower (<c>&gt;</c>, <c>&gt;=</c>) and one upper (<c>&lt;</c>, <c>&lt;=</c>) bound. JSON numbers only.</summary>
internal sealed class NumericRangeMatcher : IValueMatcher
{
    private double lower = double.NegativeInfinity;
    private double upper = double.PositiveInfinity;
    private bool lowerInclusive = true;
    private bool upperInclusive = true;

    private NumericRangeMatcher()
    {
    }

    public static NumericRangeMatcher Create(JsonElement spec, string path)
    {
        var items = spec.ValueKind == JsonValueKind.Array ? spec.EnumerateArray().ToList() : [];
        if (items.Count is not (2 or 4))
        {
            throw PatternError.At(path, "numeric takes [op, number] or [op, number, op, number]");
        }
        var range = new NumericRangeMatcher();
        bool hasLower = false, hasUpper = false;
        for (var i = 0; i < items.Count; i += 2)
        {
            if (items[i].ValueKind != JsonValueKind.String || items[i + 1].ValueKind != JsonValueKind.Number)
            {
                throw PatternError.At(path, "numeric expects an operator string followed by a number");
            }
            var op = items[i].GetString();
            var bound = items[i + 1].GetDouble();
            switch (op)
            {
                case "=" when items.Count == 2:
                    (range.lower, range.upper) = (bound, bound);
                    hasLower = hasUpper = true;
                    break;
                case ">" or ">=" when !hasLower:
                    (range.lower, range.lowerInclusive, hasLower) = (bound, op == ">=", true);
                    break;
                case "<" or "<=" when !hasUpper:
                    (range.upper, range.upperInclusive, hasUpper) = (bound, op == "<=", true);
                    break;
                default:
                    throw PatternError.At(path, $"numeric operator '{op}' is unknown, repeated, or '=' combined with another bound");
            }
        }
        if (range.lower > range.upper)
        {
            throw PatternError.At(path, "numeric lower bound is above the upper bound");
        }
        return range;
    }

    public bool Matches(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }
        var number = value.GetDouble();
        var aboveLower = lowerInclusive ? number >= lower : number > lower;
        var belowUpper = upperInclusive ? number <= upper : number < upper;
        return aboveLower && belowUpper;
    }
}
