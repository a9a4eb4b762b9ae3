using System.Text;

namespace Remediation.Core.Aws.Protocol;

/// <summary>application/x-www-form-urlencoded the way botocore writes it (Python's urlencode/quote_plus).</summary>
internal static class FormEncoding
{
    public static string Encode(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(p => Escape(p.Key) + "=" + Escape(p.Value)));

    /// <summary>Keeps A-Z a-z 0-9 and "_.-~", writes space as "+", percent-encodes every other UTF-8 byte.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
