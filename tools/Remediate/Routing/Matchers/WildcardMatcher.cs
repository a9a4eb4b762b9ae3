using System.Text;
using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary>
/// <c>wildcard</c>: <c>*</c> matches any run of characters (including none); <c>\*</c> is a literal star and
/// <c>\\</c> a literal backslash. Strings only.
/// </summary>
internal sealed class WildcardMatcher : IValueMatcher
{
    // The literal text between stars; a pattern without stars has one segment.
    private readonly IReadOnlyList<string> segments;

    private WildcardMatcher(IReadOnlyList<string> segments) => this.segments = segments;

    public static WildcardMatcher Create(string pattern, string path)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length || pattern[i + 1] is not ('*' or '\\'))
                {
                    throw PatternError.At(path, "a backslash in a wildcard may only escape '*' or '\\'");
                }
                current.Append(pattern[++i]);
            }
            else if (c == '*')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    throw PatternError.At(path, "consecutive '*' are not allowed in a wildcard");
                }
                segments.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        segments.Add(current.ToString());
        return new WildcardMatcher(segments);
    }

    public bool Matches(JsonElement value) => value.ValueKind == JsonValueKind.String && Matches(value.GetString()!);

    private bool Matches(string text)
    {
        var first = segments[0];
        if (segments.Count == 1)
        {
            return string.Equals(text, first, StringComparison.Ordinal);
        }
        var last = segments[^1];
        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, StringComparison.Ordinal)
            || !text.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }
        // Leftmost placement of each middle segment is optimal: it leaves the most room for the rest.
        var position = first.Length;
        var end = text.Length - last.Length;
        for (var i = 1; i < segments.Count - 1; i++)
        {
            var found = text.IndexOf(segments[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }
            position = found + segments[i].Length;
        }
        return true;
    }
}
