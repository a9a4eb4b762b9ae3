using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Remediation.Tool.Routing.Matchers;

/// <summary>Strict IP address parsing: dotted-quad IPv4 or textual IPv6, nothing else.</summary>
internal static class IpAddressText
{
    public static IPAddress? TryParse(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // IPAddress.TryParse also accepts scope ids and brackets, which are not plain addresses.
            return text.IndexOfAny(['%', '[', ']', '/']) < 0
                && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? v6
                : null;
        }
        return TryParseV4(text);
    }

    // IPAddress.TryParse accepts "10", "0x0A.1" and octal forms; an event's address is four decimal octets.
    private static IPAddress? TryParseV4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0')
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }
        return new IPAddress(bytes);
    }
}
