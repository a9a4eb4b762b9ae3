using System.Text.Json;
using Remediation.Tool.Routing.Matchers;

namespace Remediation.Tool.Routing;

/// <summary>A leaf of a pattern: an array of alternatives, any one of which may match.</summary>
internal sealed class LeafCondition(IReadOnlyList<IValueMatcher> valueMatchers, bool matchesWhenAbsent, bool matchesWhenPresent)
{
    /// <summary>Matches the scalar values the event holds at this path (none when the field is absent).</summary>
    public bool Matches(IReadOnlyList<JsonElement> values)
    {
        if (values.Count == 0)
        {
            return matchesWhenAbsent;
        }
        return matchesWhenPresent || values.Any(value => valueMatchers.Any(matcher => matcher.Matches(value)));
    }
}
