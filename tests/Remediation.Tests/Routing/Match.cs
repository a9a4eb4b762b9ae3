using Remediation.Tool.Routing;

namespace Remediation.Tests.Routing;

/// <summary>Shorthand for the tests: parse a pattern and match one event, both given as JSON text.</summary>
internal static class Match
{
    public static bool Of(string pattern, string evt) => EventPattern.Parse(pattern).Matches(evt);
}
