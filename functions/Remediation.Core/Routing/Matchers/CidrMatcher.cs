using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Remediation.Core.Routing.Matchers;

/// <summary><c>cidr</c>: a string holding an IPv4 or IPv6 address inside the block.</summary>
internal sealed class CidrMatcher : IValueMatcher
{
    private readonly byte[] network;
    private readonly int prefixLength;

    private CidrMatcher(byte[] network, int prefixLength)
    {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    public static CidrMatcher Create(string cidr, string path)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? null : IpAddressText.TryParse(cidr[..slash]);
        var maxLength = address?.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (address is null
            || !int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > maxLength)
        {
            throw PatternError.At(path, $"'{cidr}' is not a CIDR block such as 10.0.0.0/24 or 2001:db8::/32");
        }
        return new CidrMatcher(address.GetAddressBytes(), length);
    }

    public bool Matches(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || IpAddressText.TryParse(value.GetString()!) is not { } address)
        {
            return false;
        }
        var bytes = address.GetAddressBytes();
        return bytes.Length == network.Length && SamePrefix(bytes);
    }

    private bool SamePrefix(byte[] bytes)
    {
        for (var bit = 0; bit < prefixLength; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
