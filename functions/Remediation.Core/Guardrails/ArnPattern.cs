namespace Remediation.Core.Guardrails;

/// <summary>
/// Glob match for ARN patterns in settings: '*' matches any run (including '/' and ':'), '?' one character.
/// Case-insensitive, because IAM names are unique regardless of case.
/// </summary>
public static class ArnPattern
{
    /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string value)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(value[v])))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    /// <summary>The first pattern that matches, or null.</summary>
    public static string? FirstMatch(IEnumerable<string> patterns, string value) =>
        patterns.FirstOrDefault(p => Matches(p, value));
}
