using System.Globalization;
using System.Text;

namespace Remediation.Core.Notifications;

/// <summary>
/// Makes event-supplied text safe for one-line display: no control characters, no format characters (bidi overrides
/// and isolates, zero-width characters, byte-order marks: they can make a name read as another), no lone surrogates
/// (they are not text, and a JSON writer refuses them), bounded length that never splits a surrogate pair.
/// </summary>
public static class TextSanitizer
{
    /// <summary>What replaces a lone surrogate.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Replaces control characters (line breaks included) with spaces, drops format characters, collapses runs, cuts to <paramref name="max"/> with an ellipsis.</summary>
    public static string OneLine(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new StringBuilder(Math.Min(text.Length, max + 1));
        var lastSpace = false;
        for (var i = 0; i < text.Length && sb.Length <= max; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(ch).Append(text[++i]);
                lastSpace = false;
                continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.Format)
            {
                continue;
            }
            var c = char.IsSurrogate(ch) ? Replacement : char.IsControl(ch) || char.IsWhiteSpace(ch) ? ' ' : ch;
            if (c == ' ' && lastSpace)
            {
                continue;
            }
            lastSpace = c == ' ';
            sb.Append(c);
        }
        var line = sb.ToString().Trim();
        if (line.Length <= max)
        {
            return line;
        }
        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }
        return line[..cut].TrimEnd() + "…";
    }

    /// <summary>
    /// The same character rules for composed multi-line text (layout kept): format characters dropped, lone surrogates
    /// replaced, control characters other than line breaks turned into spaces.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(ch).Append(text[++i]);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.Format)
            {
                sb.Append(char.IsSurrogate(ch) ? Replacement : ch != '\n' && char.IsControl(ch) ? ' ' : ch);
            }
        }
        return sb.ToString();
    }
}
