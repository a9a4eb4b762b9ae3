using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary><c>equals-ignore-case</c>; strings only.</summary>
internal sealed class EqualsIgnoreCaseMatcher(string expected) : IValueMatcher
{
    public bool Matches(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && string.Equals(value.GetString(), expected, StringComparison.OrdinalIgnoreCase);
}
