using Amazon.S3;
using Amazon.S3.Model;

namespace Remediation.Actions.S3Quarantine;

/// <summary>A checksum of a whole object, as S3 names and encodes it: the algorithm and the Base64 value.</summary>
/// <param name="Algorithm">S3's name: CRC64NVME, CRC32, CRC32C, SHA1 or SHA256.</param>
/// <param name="Value">Base64 of the digest.</param>
public sealed record ObjectChecksum(string Algorithm, string Value)
{
    /// <summary>S3's name for SHA-256, the one we compute ourselves when S3 has no usable checksum.</summary>
    public const string Sha256 = "SHA256";

    /// <summary>"ALGORITHM:value", the form kept in evidence metadata and tags (S3 allows ':', '+', '/', '=' in both).</summary>
    public string Text => $"{Algorithm}:{Value}";

    /// <summary>For people: "crc64nvme rvP7…".</summary>
    public string Display => $"{Algorithm.ToLowerInvariant()} {Value}";

    /// <summary>CRC checksums can be combined across parts, so S3 offers them FULL_OBJECT for multipart uploads too.</summary>
    public bool IsCrc => Algorithm is "CRC32" or "CRC32C" or "CRC64NVME";

    /// <summary>SHA-256 of bytes we read.</summary>
    public static ObjectChecksum OfSha256(byte[] digest) => new(Sha256, Convert.ToBase64String(digest));

    /// <summary>Reads <see cref="Text"/> back; null when absent or malformed.</summary>
    public static ObjectChecksum? Parse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && colon < text!.Length - 1 ? new ObjectChecksum(text[..colon], text[(colon + 1)..]) : null;
    }

    /// <summary>
    /// The full-object checksum a HEAD with ChecksumMode=ENABLED reports, or null. A COMPOSITE value (a multipart upload's
    /// checksum of its part checksums, shown with a "-N" part count) says nothing comparable about the whole object.
    /// </summary>
    public static ObjectChecksum? FullObject(GetObjectMetadataResponse head)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (head.ChecksumType == ChecksumType.COMPOSITE)
        {
            return null;
        }
        (string Name, string? Value)[] known =
        [
            ("CRC64NVME", head.ChecksumCRC64NVME), ("CRC32C", head.ChecksumCRC32C), ("CRC32", head.ChecksumCRC32),
            (Sha256, head.ChecksumSHA256), ("SHA1", head.ChecksumSHA1),
        ];
        foreach (var (name, value) in known)
        {
            if (!string.IsNullOrEmpty(value) && !value.Contains('-', StringComparison.Ordinal))
            {
                return new ObjectChecksum(name, value);
            }
        }
        return null;
    }

    /// <summary>Sets this checksum as the full-object value a CompleteMultipartUpload asks S3 to validate.</summary>
    public void ApplyTo(CompleteMultipartUploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ChecksumType = ChecksumType.FULL_OBJECT;
        switch (Algorithm)
        {
            case "CRC64NVME": request.ChecksumCRC64NVME = Value; break;
            case "CRC32C": request.ChecksumCRC32C = Value; break;
            case "CRC32": request.ChecksumCRC32 = Value; break;
            default: throw new InvalidOperationException($"{Algorithm} has no full-object multipart form");
        }
    }

    /// <summary>The part's checksum in this algorithm, as CompleteMultipartUpload must list it.</summary>
    public static void CopyPartChecksum(CopyPartResponse part, PartETag into)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(into);
        into.ChecksumCRC64NVME = part.ChecksumCRC64NVME;
        into.ChecksumCRC32C = part.ChecksumCRC32C;
        into.ChecksumCRC32 = part.ChecksumCRC32;
    }
}

/// <summary>
/// How a copy of one version is proven to hold the source's bytes. Where S3 keeps a full-object checksum of the source,
/// the copy is asked to carry the same algorithm and the two values are compared: no data is read. Otherwise the source
/// is read once for its SHA-256 and S3 computes the copy's SHA-256 (a single CopyObject); only a multipart copy of a
/// source without a usable checksum is read on both sides.
/// </summary>
/// <param name="ReadsSource">True when the source's bytes must be read for its SHA-256.</param>
/// <param name="CopyAlgorithm">The algorithm the copy is created with, or null when S3 cannot give a comparable one.</param>
public sealed record CopyCheck(bool ReadsSource, string? CopyAlgorithm)
{
    /// <summary>Chooses for a source version of that checksum and size, copied singly up to the threshold.</summary>
    public static CopyCheck For(ObjectChecksum? source, long size, long multipartThreshold)
    {
        var multipart = size > multipartThreshold;
        if (source is not null && (!multipart || source.IsCrc))
        {
            return new CopyCheck(false, source.Algorithm);
        }
        return new CopyCheck(true, multipart ? null : ObjectChecksum.Sha256);
    }

    /// <summary>The SDK's value for <see cref="CopyAlgorithm"/>.</summary>
    public ChecksumAlgorithm? Algorithm => CopyAlgorithm is null ? null : ChecksumAlgorithm.FindValue(CopyAlgorithm);
}
