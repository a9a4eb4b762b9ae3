namespace Remediation.IntegrationTests.LocalAws;

/// <summary>
/// CRC-64/NVME, the test's own, to check the emulation's default S3 checksum independently: reflected polynomial
/// 0x9A6C9329AC4BC9B5, initial value and final xor all ones (CRC catalogue; check value of "123456789" 0xAE8B14860A799888).
/// </summary>
public static class Crc64Nvme
{
    private static readonly ulong[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        var crc = (ulong)n;
        for (var bit = 0; bit < 8; bit++)
        {
            crc = (crc & 1) == 1 ? (crc >> 1) ^ 0x9A6C9329AC4BC9B5UL : crc >> 1;
        }
        return crc;
    }).ToArray();

    public static ulong Of(ReadOnlySpan<byte> data)
    {
        var crc = ulong.MaxValue;
        foreach (var b in data)
        {
            crc = Table[(byte)(crc ^ b)] ^ (crc >> 8);
        }
        return ~crc;
    }

    /// <summary>As S3 shows it: Base64 of the eight big-endian bytes.</summary>
    public static string Base64(ReadOnlySpan<byte> data)
    {
        var bytes = BitConverter.GetBytes(Of(data));
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }
        return Convert.ToBase64String(bytes);
    }
}
