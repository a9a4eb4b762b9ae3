namespace Remediation.IntegrationTests.LocalAws;

/// <summary>One AWS request as the emulation logged it (GET /_localaws/calls).</summary>
public sealed record RecordedCall(string Service, string Operation, JsonElement Parameters, int Status, DateTimeOffset Time)
{
    /// <summary>The request path of a REST call (S3: /bucket/key); empty for Query and JSON protocols.</summary>
    public string Path { get; init; } = "";

    /// <summary>The account the request acted in, from its signing key (an assumed role's key acts in the role's account).</summary>
    public string Account { get; init; } = "";

    /// <summary>The x-amz-copy-source header (S3 CopyObject, UploadPartCopy), or empty.</summary>
    public string CopySource { get; init; } = "";

    /// <summary>The x-amz-checksum-algorithm header (S3 CopyObject, CreateMultipartUpload), or empty.</summary>
    public string ChecksumAlgorithm { get; init; } = "";

    /// <summary>Size of the answer's body: for GetObject, the object bytes the client read.</summary>
    public long ResponseBytes { get; init; }

    /// <summary>When the emulation finished answering; with <see cref="Time"/> (the start) it shows which calls overlapped.</summary>
    public DateTimeOffset Ended { get; init; }
}
