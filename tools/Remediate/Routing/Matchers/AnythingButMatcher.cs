using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary>
/// <c>anything-but</c>: a present value that the inner matcher rejects. A missing field never matches
/// (the leaf reports absence before any value matcher runs).
/// </summary>
internal sealed class AnythingButMatcher(IValueMatcher excluded) : IValueMatcher
{
    public bool Matches(JsonElement value) => !excluded.Matches(value);
}
