using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Remediation.Tool.Routing.Matchers;

/// <summary>
/// <c>cidr</c>: a string holding an IPv4 or IPv6 address inside the block. As in EventBridge's engine
/// (aws/event-ruler CIDR.java) the block is the range from the address as written up to the address with all
/// host bits set, so "10.0.0.5/24" covers 10.0.0.5–10.0.0.255, and the mask must be below 32 (IPv4) or 128 (IPv6).
/// </summary>
internal sealed class CidrMatcher : IValueMatcher
{
    private readonly byte[] bottom;
    private readonly byte[] top;

    private CidrMatcher(byte[] bottom, byte[] top)
    {
        this.bottom = bottom;
        this.top = top;
    }

    public static CidrMatcher Create(string cidr, string path)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? null : IpAddressText.TryParse(cidr[..slash]);
        var maxLength = address?.AddressFamily == AddressFamily.InterNetwork ? 31 : 127;
        if (address is null
            || !int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > maxLength)
        {
            throw PatternError.At(path, $"'{cidr}' is not a CIDR block such as 10.0.0.0/24 or 2001:db8::/32 (mask below 32 for IPv4, 128 for IPv6)");
        }
        var bottom = address.GetAddressBytes();
        var top = (byte[])bottom.Clone();
        for (var bit = length; bit < top.Length * 8; bit++)
        {
            top[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }
        return new CidrMatcher(bottom, top);
    }

    public bool Matches(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || IpAddressText.TryParse(value.GetString()!) is not { } address)
        {
            return false;
        }
        var bytes = address.GetAddressBytes();
        return bytes.Length == bottom.Length
            && bytes.AsSpan().SequenceCompareTo(bottom) >= 0
            && bytes.AsSpan().SequenceCompareTo(top) <= 0;
    }
}
