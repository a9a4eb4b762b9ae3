using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary><c>numeric</c>: <c>["=", x]</c> or at most one lower (<c>&gt;</c>, <c>&gt;=</c>) and one upper (<c>&lt;</c>, <c>&lt;=</c>) bound. JSON numbers only.</summary>
internal sealed class NumericRangeMatcher(double lower, bool lowerInclusive, double upper, bool upperInclusive) : IValueMatcher
{
    public static NumericRangeMatcher Create(JsonElement spec, string path)
    {
        var items = spec.ValueKind == JsonValueKind.Array ? spec.EnumerateArray().ToList() : [];
        if (items.Count is not (2 or 4))
        {
            throw PatternError.At(path, "numeric takes [op, number] or [op, number, op, number]");
        }
        double? lower = null, upper = null;
        bool lowerInclusive = true, upperInclusive = true;
        for (var i = 0; i < items.Count; i += 2)
        {
            if (items[i].ValueKind != JsonValueKind.String || !JsonNumbers.TryGet(items[i + 1], out var bound))
            {
                throw PatternError.At(path, "numeric expects an operator string followed by a finite number");
            }
            var op = items[i].GetString();
            switch (op)
            {
                case "=" when items.Count == 2:
                    lower = upper = bound;
                    break;
                case ">" or ">=" when lower is null:
                    (lower, lowerInclusive) = (bound, op == ">=");
                    break;
                case "<" or "<=" when upper is null:
                    (upper, upperInclusive) = (bound, op == "<=");
                    break;
                default:
                    throw PatternError.At(path, $"numeric operator '{op}' is unknown, repeated, or '=' combined with another bound");
            }
        }
        if (lower > upper)
        {
            throw PatternError.At(path, "numeric lower bound is above the upper bound");
        }
        return new NumericRangeMatcher(
            lower ?? double.NegativeInfinity, lowerInclusive, upper ?? double.PositiveInfinity, upperInclusive);
    }

    public bool Matches(JsonElement value)
    {
        if (!JsonNumbers.TryGet(value, out var number))
        {
            return false;
        }
        var aboveLower = lowerInclusive ? number >= lower : number > lower;
        var belowUpper = upperInclusive ? number <= upper : number < upper;
        return aboveLower && belowUpper;
    }
}
