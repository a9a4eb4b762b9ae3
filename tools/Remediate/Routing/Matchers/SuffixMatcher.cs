using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary><c>suffix</c>, optionally with <c>equals-ignore-case</c>; strings only.</summary>
internal sealed class SuffixMatcher(string suffix, bool ignoreCase) : IValueMatcher
{
    public bool Matches(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && value.GetString()!.EndsWith(suffix, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
