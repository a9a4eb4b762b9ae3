using System.Text;

namespace Remediation.Core.Notifications;

/// <summary>Makes event-supplied text safe for one-line display: no control characters, bounded length.</summary>
public static class TextSanitizer
{
    /// <summary>Replaces control characters (line breaks included) with spaces, collapses runs, cuts to <paramref name="max"/> with an ellipsis.</summary>
    public static string OneLine(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new StringBuilder(Math.Min(text.Length, max + 1));
        var lastSpace = false;
        foreach (var ch in text)
        {
            var c = char.IsControl(ch) || char.IsWhiteSpace(ch) ? ' ' : ch;
            if (c == ' ' && lastSpace)
            {
                continue;
            }
            lastSpace = c == ' ';
            sb.Append(c);
            if (sb.Length > max)
            {
                break;
            }
        }
        var line = sb.ToString().Trim();
        return line.Length <= max ? line : line[..(max - 1)].TrimEnd() + "…";
    }
}
