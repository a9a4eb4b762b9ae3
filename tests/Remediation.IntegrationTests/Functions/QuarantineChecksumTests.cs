using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Issue 13 goal 5: an evidence copy is verified with S3's own checksums where the source has a full-object one, and the
/// data is read only where it has none. Bytes read are the emulation's GetObject answer sizes.
/// </summary>
[Collection("LocalAws")]
public sealed class QuarantineChecksumTests(LocalAwsFixture fixture) : IDisposable
{
    private const string Function = "QuarantineS3Object";
    private const string Bucket = "ml-data";
    private const string Key = "train/x.bin";
    private const string Poisoned = "poisoned weights, not really";
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    private static string World(string checksum = "", string body = Poisoned) => $$"""
        {"account":"123456789012","region":"us-east-1",
         "buckets":[{"name":"{{Bucket}}","versioning":true,"objects":[
           {"key":"{{Key}}","body":"{{body}}","versionId":"v1"{{checksum}}}]}]}
        """;

    private const string EvidenceKey = Bucket + "/" + Key;

    private async Task<Invocation> QuarantineAsync(params (string Name, string Value)[] env) =>
        await harness.InvokeAsync(Function, await MalwareScanEvent.ForAsync(harness, Bucket, Key, "v1"), [("REMEDIATION_MODE", "enforce"), .. env]);

    private async Task<(int Reads, long Bytes)> ObjectReadsAsync()
    {
        var reads = (await harness.CallsAsync("s3")).Where(c => c.Operation == "GetObject" && c.Status == 200).ToList();
        return (reads.Count, reads.Sum(c => c.ResponseBytes));
    }

    private async Task<GetObjectMetadataResponse> EvidenceHeadAsync()
    {
        var versions = await harness.Aws.S3.ListVersionsAsync(new ListVersionsRequest { BucketName = harness.Stack!.QuarantineBucket, Prefix = EvidenceKey });
        var evidence = Assert.Single(versions.Versions ?? [], v => v.Key == EvidenceKey);
        return await harness.Aws.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = harness.Stack.QuarantineBucket, Key = EvidenceKey, VersionId = evidence.VersionId, ChecksumMode = ChecksumMode.ENABLED,
        });
    }

    private async Task<string?> VerifiedTagAsync(string versionId) =>
        (await harness.Aws.S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = harness.Stack!.QuarantineBucket, Key = EvidenceKey, VersionId = versionId }))
            .Tagging?.SingleOrDefault(t => t.Key == "remediation:verified-checksum")?.Value;

    private async Task<bool> SourceVersionLeftAsync() =>
        (await harness.Aws.S3.ListVersionsAsync(new ListVersionsRequest { BucketName = Bucket, Prefix = Key })).Versions?.Any(v => v.VersionId == "v1") == true;

    [Fact]
    public void The_tests_own_crc64nvme_gives_the_catalogue_check_value() =>
        Assert.Equal(0xAE8B14860A799888UL, Crc64Nvme.Of("123456789"u8));

    [Fact]
    public async Task The_emulation_gives_every_new_object_s3s_default_crc64nvme()
    {
        await harness.ResetAsync(World(body: "123456789"));
        var head = await harness.Aws.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = Key, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(Convert.ToBase64String([0xAE, 0x8B, 0x14, 0x86, 0x0A, 0x79, 0x98, 0x88]), head.ChecksumCRC64NVME);
        Assert.Equal(ChecksumType.FULL_OBJECT, head.ChecksumType);
    }

    [Fact]
    public async Task A_source_with_s3s_default_checksum_is_verified_without_reading_any_data()
    {
        await harness.ResetAsync(World());
        var invocation = await QuarantineAsync();

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal((0, 0L), await ObjectReadsAsync());
        Assert.Equal("CRC64NVME", (await harness.CallsAsync("s3")).Single(c => c.Operation == "CopyObject").ChecksumAlgorithm);
        var head = await EvidenceHeadAsync();
        var expected = Crc64Nvme.Base64(Encoding.UTF8.GetBytes(Poisoned));
        Assert.Equal(expected, head.ChecksumCRC64NVME);
        Assert.Equal("CRC64NVME:" + expected, await VerifiedTagAsync(head.VersionId));
        Assert.False(await SourceVersionLeftAsync());
        var copy = invocation.Result.GetProperty("actions")[0].GetProperty("detail").GetString()!;
        Assert.Contains("crc64nvme " + expected + " match the source", copy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CRC32")]
    [InlineData("CRC32C")]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    public async Task Any_full_object_checksum_the_uploader_chose_is_compared_in_its_own_algorithm(string algorithm)
    {
        await harness.ResetAsync(World($$""","checksum":"{{algorithm}}" """));
        var invocation = await QuarantineAsync();

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal((0, 0L), await ObjectReadsAsync());
        Assert.Equal(algorithm, (await harness.CallsAsync("s3")).Single(c => c.Operation == "CopyObject").ChecksumAlgorithm);
        var head = await EvidenceHeadAsync();
        Assert.StartsWith(algorithm + ":", await VerifiedTagAsync(head.VersionId), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""","checksum":"none" """)]
    [InlineData(""","checksum":"SHA256","checksumType":"COMPOSITE" """)]
    public async Task A_source_without_a_full_object_checksum_is_read_once_and_s3_computes_the_copys_sha256(string checksum)
    {
        await harness.ResetAsync(World(checksum));
        var invocation = await QuarantineAsync();

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal((1, (long)Poisoned.Length), await ObjectReadsAsync());
        Assert.Equal("SHA256", (await harness.CallsAsync("s3")).Single(c => c.Operation == "CopyObject").ChecksumAlgorithm);
        var head = await EvidenceHeadAsync();
        var sha = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Poisoned)));
        Assert.Equal(sha, head.ChecksumSHA256);
        Assert.Equal("SHA256:" + sha, await VerifiedTagAsync(head.VersionId));
        Assert.False(await SourceVersionLeftAsync());
    }

    [Fact]
    public async Task A_multipart_copy_of_a_source_without_a_checksum_reads_both_sides()
    {
        var body = new string('w', (5 * 1024 * 1024) + 17);
        await harness.ResetAsync(World(""","checksum":"none" """, body));
        var invocation = await QuarantineAsync(("QUARANTINE_MULTIPART_THRESHOLD_BYTES", "5242880"));

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(2, await CountUploadPartCopiesAsync());
        Assert.Equal((2, 2L * body.Length), await ObjectReadsAsync());
        var head = await EvidenceHeadAsync();
        Assert.Equal("SHA256:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))), await VerifiedTagAsync(head.VersionId));
    }

    private async Task<int> CountUploadPartCopiesAsync() => (await harness.CallsAsync("s3")).Count(c => c.Operation == "UploadPartCopy" && c.Status == 200);

    [Fact]
    public async Task An_earlier_copy_whose_bytes_differ_from_the_checksum_it_claims_is_not_verified_and_the_source_stays()
    {
        await harness.ResetAsync(World(""","checksum":"none" """));
        var claimed = "SHA256:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Poisoned)));
        await PutEvidenceAsync("tampered, same length as the", new() { ["quarantine-source-checksum"] = claimed }, []);
        var invocation = await QuarantineAsync();

        Assert.Equal(IncidentOutcome.Failed, invocation.Outcome);
        var copy = invocation.Result.GetProperty("actions")[0];
        Assert.Equal("failed", copy.GetProperty("status").GetString());
        Assert.Matches("has sha256 .+, the source sha256 .+; source left in place", copy.GetProperty("detail").GetString());
        Assert.True(await SourceVersionLeftAsync());
        Assert.Null(await VerifiedTagAsync((await EvidenceHeadAsync()).VersionId));
    }

    [Fact]
    public async Task Evidence_verified_by_an_earlier_release_with_a_hex_sha256_still_counts()
    {
        await harness.ResetAsync(World());
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Poisoned)));
        await PutEvidenceAsync(Poisoned, new() { ["quarantine-source-sha256"] = hex }, [new Tag { Key = "remediation:verified-sha256", Value = hex }]);
        var invocation = await QuarantineAsync();

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(0, (await harness.CallsAsync("s3")).Count(c => c.Operation == "CopyObject"));
        Assert.Contains("verified earlier", invocation.Result.GetProperty("actions")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await SourceVersionLeftAsync());
    }

    /// <summary>An evidence object as an earlier run (or someone else) left it in the quarantine bucket.</summary>
    private async Task PutEvidenceAsync(string body, Dictionary<string, string> metadata, List<Tag> tags)
    {
        var put = new PutObjectRequest
        {
            BucketName = harness.Stack!.QuarantineBucket, Key = EvidenceKey, ContentBody = body, TagSet = tags,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        };
        put.Metadata.Add("quarantine-source-version-id", "v1");
        foreach (var (name, value) in metadata)
        {
            put.Metadata.Add(name, value);
        }
        await harness.Aws.S3.PutObjectAsync(put);
        await fixture.ClearCallsAsync();
    }
}
