using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary>Tests one scalar value of an event (string, number, true, false or null).</summary>
internal interface IValueMatcher
{
    bool Matches(JsonElement value);
}

/// <summary>The <c>exists</c> operator: decided by presence alone, so it is not a value matcher.</summary>
internal sealed record ExistsRule(bool Exists);
