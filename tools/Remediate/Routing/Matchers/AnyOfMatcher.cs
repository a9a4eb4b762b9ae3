using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary>Matches when one of its matchers does.</summary>
internal sealed class AnyOfMatcher(IReadOnlyList<IValueMatcher> matchers) : IValueMatcher
{
    public bool Matches(JsonElement value) => matchers.Any(m => m.Matches(value));
}
