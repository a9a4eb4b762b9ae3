using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary><c>prefix</c>, optionally with <c>equals-ignore-case</c>; strings only.</summary>
internal sealed class PrefixMatcher(string prefix, bool ignoreCase) : IValueMatcher
{
    public bool Matches(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && value.GetString()!.StartsWith(prefix, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
