using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;

namespace Remediation.IntegrationTests.Functions;

[Collection("LocalAws")]
public sealed class QuarantineS3ObjectTests(LocalAwsFixture fixture) : IDisposable
{
    private const string Function = "QuarantineS3Object";
    private const string Bucket = "ml-data";
    private const string Poisoned = "poisoned weights, not really";
    private static readonly string[] Stopped = ["Stopping", "Stopped"];
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    private static string World(string key = "train/x.bin", bool versioned = true, string bucketTags = """{"team":"ml"}""") => $$$"""
        {"account":"123456789012","region":"us-east-1",
         "buckets":[{"name":"{{{Bucket}}}","versioning":{{{(versioned ? "true" : "false")}}},"tags":{{{bucketTags}}},"objects":[
           {"key":{{{Json(key)}}},"body":"clean v1"{{{(versioned ? ",\"versionId\":\"v1-clean\"" : "")}}}},
           {"key":{{{Json(key)}}},"body":"{{{Poisoned}}}"{{{(versioned ? ",\"versionId\":\"v2-poisoned\"" : "")}}},"tags":{"owner":"alice"}}]}],
         "trainingJobs":[
           {"name":"train-on-train","inputS3Uris":["s3://{{{Bucket}}}/train/"]},
           {"name":"train-on-eval","inputS3Uris":["s3://{{{Bucket}}}/eval/"]}],
         "processingJobs":[{"name":"process-train","inputS3Uris":["s3://{{{Bucket}}}/train"]}]}
        """;

    private static string Json(string s) => JsonValue.Create(s).ToJsonString();

    private Task<string> ScanEventAsync(string key, string? versionId, string? eTag = null) => MalwareScanEvent.ForAsync(harness, Bucket, key, versionId, eTag);

    private string QuarantineBucket => harness.Stack!.QuarantineBucket;

    private async Task<List<S3ObjectVersion>> VersionsAsync(string bucket, string key) =>
        [.. ((await harness.Aws.S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = key })).Versions ?? [])
            .Where(v => v.Key == key && v.IsDeleteMarker != true)];

    private async Task<string> BodyAsync(string bucket, string key, string? versionId = null)
    {
        using var response = await harness.Aws.S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, VersionId = versionId });
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }

    private async Task<int> CountAsync(string operation) => (await harness.CallsAsync("s3")).Count(c => c.Operation == operation && c.Status < 300);

    [Fact]
    public async Task Versioned_object_goes_to_quarantine_under_legal_hold_and_only_that_version_leaves_the_source()
    {
        await harness.ResetAsync(World());
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", "v2-poisoned"), ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);

        var source = await VersionsAsync(Bucket, "train/x.bin");
        Assert.Equal(["v1-clean"], source.Select(v => v.VersionId));
        Assert.Equal("clean v1", await BodyAsync(Bucket, "train/x.bin"));

        var evidence = Assert.Single(await VersionsAsync(QuarantineBucket, "ml-data/train/x.bin"));
        Assert.Equal(Poisoned, await BodyAsync(QuarantineBucket, "ml-data/train/x.bin", evidence.VersionId));
        var hold = await harness.Aws.S3.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = QuarantineBucket, Key = "ml-data/train/x.bin", VersionId = evidence.VersionId });
        Assert.Equal("ON", hold.LegalHold.Status.Value);
        var head = await harness.Aws.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = QuarantineBucket, Key = "ml-data/train/x.bin", VersionId = evidence.VersionId });
        Assert.Equal("v2-poisoned", head.Metadata["x-amz-meta-quarantine-source-version-id"]);
        // The source's own S3 checksum (S3's default, CRC64NVME), compared without reading either object.
        Assert.Equal("CRC64NVME:" + Crc64Nvme.Base64(Encoding.UTF8.GetBytes(Poisoned)), head.Metadata["x-amz-meta-quarantine-source-checksum"]);
        Assert.Contains("v2-poisoned", Uri.UnescapeDataString(head.Metadata["x-amz-meta-quarantine-finding-id"]), StringComparison.Ordinal);
        Assert.Equal(Poisoned.Length, head.ContentLength);
        var tags = (await harness.Aws.S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = QuarantineBucket, Key = "ml-data/train/x.bin", VersionId = evidence.VersionId })).Tagging;
        Assert.Contains(tags, t => t.Key == "remediation:verified-checksum" && t.Value == head.Metadata["x-amz-meta-quarantine-source-checksum"]);

        // Blast radius: train/ readers stopped, eval/ reader untouched.
        var training = await harness.Aws.SageMaker.DescribeTrainingJobAsync("train-on-train", default);
        Assert.Contains(training.Status, Stopped);
        Assert.Equal("InProgress", (await harness.Aws.SageMaker.DescribeTrainingJobAsync("train-on-eval", default)).Status);
        Assert.Contains((await harness.Aws.SageMaker.DescribeProcessingJobAsync("process-train", default)).Status, Stopped);

        var message = Assert.Single(await harness.PublishedAsync());
        Assert.StartsWith("[HIGH] Quarantined s3://ml-data/train/x.bin and stopped 2 jobs", message.Subject, StringComparison.Ordinal);
        Assert.Contains("version v2-poisoned", message.Text, StringComparison.Ordinal);
        Assert.Contains("EICAR-Test-File", message.Text, StringComparison.Ordinal);
        Assert.Contains($"s3://{QuarantineBucket}/ml-data/train/x.bin version {evidence.VersionId}", message.Text, StringComparison.Ordinal);
        Assert.Contains("training job train-on-train was InProgress; stop requested", message.Text, StringComparison.Ordinal);
        Assert.Contains("rollback inc-", message.Text, StringComparison.Ordinal);
        Assert.Contains("legal hold", message.Text, StringComparison.Ordinal);

        var record = await harness.Ledger().GetAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);
        var delete = Assert.Single(record!.Actions, a => a.Kind == "s3:DeleteObjectVersion");
        Assert.Contains("\"owner\":\"alice\"", delete.Before, StringComparison.Ordinal);
        Assert.Equal("s3:RestoreObjectFromQuarantine", delete.Inverse!.Kind);
    }

    [Fact]
    public async Task Unversioned_object_is_moved()
    {
        await harness.ResetAsync(World(versioned: false));
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", null), ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        var objects = await harness.Aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
        Assert.Empty(objects.S3Objects ?? []);
        var evidence = Assert.Single(await VersionsAsync(QuarantineBucket, "ml-data/train/x.bin"));
        Assert.Equal(Poisoned, await BodyAsync(QuarantineBucket, "ml-data/train/x.bin", evidence.VersionId));
    }

    [Theory]
    [InlineData("train/odd name ü + 100%.bin")]
    [InlineData("train/a+b%2Fc?d#e&f=g ✓.bin")]
    public async Task Keys_with_odd_characters_work(string key)
    {
        await harness.ResetAsync(World(key));
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync(key, "v2-poisoned"), ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(["v1-clean"], (await VersionsAsync(Bucket, key)).Select(v => v.VersionId));
        var evidence = Assert.Single(await VersionsAsync(QuarantineBucket, "ml-data/" + key));
        Assert.Equal(Poisoned, await BodyAsync(QuarantineBucket, "ml-data/" + key, evidence.VersionId));
    }

    [Fact]
    public async Task Objects_over_the_threshold_use_upload_part_copy()
    {
        await harness.ResetAsync(World());
        var big = new byte[(12 * 1024 * 1024) + 123];
        new Random(7).NextBytes(big);
        var put = await harness.Aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "train/big.bin", InputStream = new MemoryStream(big) });
        await fixture.ClearCallsAsync();
        var evt = await ScanEventAsync("train/big.bin", put.VersionId, put.ETag.Trim('"'));
        var invocation = await harness.InvokeAsync(Function, evt, ("REMEDIATION_MODE", "enforce"), ("QUARANTINE_MULTIPART_THRESHOLD_BYTES", "5242880"));
        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(0, await CountAsync("CopyObject"));
        Assert.Equal(3, await CountAsync("UploadPartCopy"));
        // The SDK uploaded it with a CRC32: the copy is made FULL_OBJECT CRC32 and compared, neither object is read.
        Assert.Equal("CRC32", (await harness.CallsAsync("s3")).Single(c => c.Operation == "CreateMultipartUpload").ChecksumAlgorithm);
        Assert.Equal(0, await CountAsync("GetObject"));
        var evidence = Assert.Single(await VersionsAsync(QuarantineBucket, "ml-data/train/big.bin"));
        using var response = await harness.Aws.S3.GetObjectAsync(new GetObjectRequest { BucketName = QuarantineBucket, Key = "ml-data/train/big.bin", VersionId = evidence.VersionId });
        Assert.Equal(SHA256.HashData(big), await SHA256.HashDataAsync(response.ResponseStream));
        Assert.Empty(await VersionsAsync(Bucket, "train/big.bin"));
        Assert.Contains("multipart copy in 3 parts", invocation.Result.GetProperty("actions")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_event_gives_one_copy_and_one_delete()
    {
        await harness.ResetAsync(World());
        var evt = await ScanEventAsync("train/x.bin", "v2-poisoned");
        await harness.InvokeAsync(Function, evt, ("REMEDIATION_MODE", "enforce"));
        var second = await harness.InvokeAsync(Function, evt, ("REMEDIATION_MODE", "enforce"));
        Assert.Contains("duplicate", second.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("CopyObject"));
        Assert.Equal(1, await CountAsync("DeleteObject"));
        Assert.Single(await harness.PublishedAsync());
    }

    [Fact]
    public async Task The_guardduty_finding_for_an_already_quarantined_version_writes_nothing_new()
    {
        await harness.ResetAsync();
        await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/malware-object-scan-threats-found.json"), ("REMEDIATION_MODE", "enforce"));
        var second = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/s3-malicious-file-finding.json"), ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(1, await CountAsync("CopyObject"));
        Assert.Equal(1, await CountAsync("DeleteObject"));
        Assert.Equal(1, await CountAsync("PutObjectLegalHold"));
        Assert.Contains("already gone", second.Result.GetProperty("actions")[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_restores_byte_identical_content_and_keeps_the_evidence_held()
    {
        await harness.ResetAsync(World());
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", "v2-poisoned"), ("REMEDIATION_MODE", "enforce"));
        var incidentId = invocation.Result.GetProperty("incidentId").GetString()!;
        var runner = harness.Rollback();
        var rolledBack = await runner.RollbackAsync(incidentId, default);
        Assert.Equal(IncidentState.RolledBack, rolledBack.State);
        Assert.Equal(Poisoned, await BodyAsync(Bucket, "train/x.bin"));
        Assert.Equal(2, (await VersionsAsync(Bucket, "train/x.bin")).Count);
        var evidence = Assert.Single(await VersionsAsync(QuarantineBucket, "ml-data/train/x.bin"));
        var hold = await harness.Aws.S3.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = QuarantineBucket, Key = "ml-data/train/x.bin", VersionId = evidence.VersionId });
        Assert.Equal("ON", hold.LegalHold.Status.Value);
        Assert.Contains(rolledBack.Rollback!, r => r.Kind == "s3:RestoreObjectFromQuarantine" && r.Status == ActionStatus.Done && r.Detail.Contains("stays in quarantine under legal hold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rollback_never_overwrites_a_new_object_in_an_unversioned_bucket()
    {
        await harness.ResetAsync(World(versioned: false));
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", null), ("REMEDIATION_MODE", "enforce"));
        await harness.Aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "train/x.bin", ContentBody = "replacement" });
        var runner = harness.Rollback();
        var rolledBack = await runner.RollbackAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);
        Assert.Contains(rolledBack.Rollback!, r => r.Kind == "s3:RestoreObjectFromQuarantine" && r.Status == ActionStatus.Failed && r.Detail.Contains("not overwritten", StringComparison.Ordinal));
        Assert.Equal("replacement", await BodyAsync(Bucket, "train/x.bin"));
    }

    [Fact]
    public async Task A_failure_between_copy_and_delete_never_loses_the_object_and_a_retry_completes()
    {
        await harness.ResetAsync(World());
        await fixture.SetFaultsAsync("""{"faults":[{"service":"s3","operation":"DeleteObject","error":"AccessDenied","status":403,"count":1}]}""");
        var evt = await ScanEventAsync("train/x.bin", "v2-poisoned");
        var failed = await harness.InvokeAsync(Function, evt, ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(IncidentOutcome.Failed, failed.Outcome);
        Assert.Equal(["v1-clean", "v2-poisoned"], (await VersionsAsync(Bucket, "train/x.bin")).Select(v => v.VersionId).Order(StringComparer.Ordinal));
        Assert.Single(await VersionsAsync(QuarantineBucket, "ml-data/train/x.bin"));

        await fixture.ClearFaultsAsync();
        var retried = await harness.InvokeAsync(Function, evt, ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(IncidentOutcome.Remediated, retried.Outcome);
        Assert.Equal(["v1-clean"], (await VersionsAsync(Bucket, "train/x.bin")).Select(v => v.VersionId));
        Assert.Single(await VersionsAsync(QuarantineBucket, "ml-data/train/x.bin"));
        Assert.Equal(1, await CountAsync("CopyObject"));
        var copy = retried.Result.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "s3:CopyObjectToQuarantine");
        Assert.Contains("earlier attempt", copy.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_copy_leaves_the_source_untouched()
    {
        await harness.ResetAsync(World());
        await fixture.SetFaultsAsync("""{"faults":[{"service":"s3","operation":"CopyObject","error":"AccessDenied","status":403,"count":1}]}""");
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", "v2-poisoned"), ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(IncidentOutcome.Failed, invocation.Outcome);
        Assert.Equal(0, await CountAsync("DeleteObject"));
        Assert.Equal(2, (await VersionsAsync(Bucket, "train/x.bin")).Count);
        var delete = invocation.Result.GetProperty("actions")[2];
        Assert.Equal("failed", delete.GetProperty("status").GetString());
        Assert.Contains("the source stays in place", delete.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_breaker_stops_automatic_writes_and_reports()
    {
        await harness.ResetAsync(World());
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", "v2-poisoned"), ("REMEDIATION_MODE", "enforce"), ("BREAKER_MAX_TARGETS", "1"));
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Equal(0, await CountAsync("CopyObject"));
        Assert.All(invocation.Result.GetProperty("actions").EnumerateArray(), a => Assert.Equal("skipped", a.GetProperty("status").GetString()));
        Assert.Contains("breaker", invocation.Result.GetProperty("actions")[0].GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_exempt_bucket_is_reported_and_nothing_is_written()
    {
        await harness.ResetAsync(World(bucketTags: """{"remediation:exempt":"true"}"""));
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", "v2-poisoned"), ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Equal(0, await CountAsync("CopyObject"));
        Assert.Equal(2, (await VersionsAsync(Bucket, "train/x.bin")).Count);
        Assert.Contains("remediation:exempt=true", Assert.Single(await harness.PublishedAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bucket_matching_an_exempt_pattern_is_reported()
    {
        await harness.ResetAsync(World());
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", "v2-poisoned"), ("REMEDIATION_MODE", "enforce"), ("QUARANTINE_EXEMPT_BUCKETS", "ml-*"));
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Equal(0, await CountAsync("CopyObject"));
    }

    [Fact]
    public async Task Dry_run_plans_every_step_and_writes_nothing()
    {
        await harness.ResetAsync(World());
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", "v2-poisoned"), ("REMEDIATION_MODE", "dry-run"));
        Assert.Equal(IncidentOutcome.DryRun, invocation.Outcome);
        var kinds = invocation.Result.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["s3:CopyObjectToQuarantine", "s3:PutObjectLegalHold", "s3:DeleteObjectVersion", "sagemaker:StopProcessingJob", "sagemaker:StopTrainingJob"], kinds);
        Assert.Equal(0, await CountAsync("CopyObject"));
        Assert.Equal(2, (await VersionsAsync(Bucket, "train/x.bin")).Count);
        Assert.Equal("InProgress", (await harness.Aws.SageMaker.DescribeTrainingJobAsync("train-on-train", default)).Status);
    }

    [Fact]
    public async Task A_version_already_gone_is_reported_not_failed()
    {
        await harness.ResetAsync(World());
        var invocation = await harness.InvokeAsync(Function, await ScanEventAsync("train/x.bin", "v9-never-existed"), ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("already gone", Assert.Single(await harness.PublishedAsync()).Text, StringComparison.Ordinal);
    }

    private async Task<System.Text.Json.JsonElement> DrillAsync(string sample, params (string Name, string Value)[] env)
    {
        await fixture.ResetAsync();
        var options = new DrillOptions(harness.EventPath(sample), null, fixture.EndpointUrl, harness.EventPath("world.json"),
            env.ToDictionary(e => e.Name, e => e.Value), DryRun: false, Json: true);
        using var output = new StringWriter();
        Assert.Equal(0, await DrillCommand.RunAsync(options, output, default));
        return System.Text.Json.JsonDocument.Parse(output.ToString()).RootElement.Clone();
    }

    [Fact]
    public async Task Drill_of_the_threats_found_sample_quarantines_and_stops_the_job_reading_uploads()
    {
        var report = await DrillAsync("guardduty/malware-object-scan-threats-found.json", ("REMEDIATION_MODE", "enforce"));
        Assert.Equal(["QuarantineS3Object"], report.GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
        var result = Assert.Single(report.GetProperty("results").EnumerateArray());
        Assert.Equal("remediated", result.GetProperty("outcome").GetString());
        var stops = result.GetProperty("actions").EnumerateArray().Where(a => a.GetProperty("kind").GetString()!.StartsWith("sagemaker:Stop", StringComparison.Ordinal)).ToList();
        Assert.Equal(["arn:aws:sagemaker:us-east-1:123456789012:processing-job/resnet-preprocess-2025"], stops.Select(a => a.GetProperty("target").GetString()));
        Assert.Equal("InProgress", (await harness.Aws.SageMaker.DescribeProcessingJobAsync("churn-eval-2025", default)).Status);
    }

    [Fact]
    public async Task Drill_defaults_to_dry_run()
    {
        var report = await DrillAsync("guardduty/s3-malicious-file-finding.json");
        Assert.Equal(["QuarantineS3Object"], report.GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("dry-run", report.GetProperty("results")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Macie_findings_are_reported_only_by_default_and_quarantined_when_enabled()
    {
        var reported = await DrillAsync("macie/sensitive-data-s3object-personal.json", ("REMEDIATION_MODE", "enforce"));
        Assert.Equal("skipped", reported.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.Equal(0, await CountAsync("CopyObject"));

        var enabled = await DrillAsync("macie/sensitive-data-s3object-personal.json", ("REMEDIATION_MODE", "enforce"), ("QUARANTINE_MACIE_FINDINGS", "true"));
        Assert.Equal("remediated", enabled.GetProperty("results")[0].GetProperty("outcome").GetString());
        var stops = enabled.GetProperty("results")[0].GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("target").GetString()).ToList();
        Assert.Contains("arn:aws:sagemaker:us-east-1:123456789012:processing-job/churn-eval-2025", stops);
    }
}
