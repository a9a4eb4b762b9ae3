using System.Diagnostics;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Remediation.IntegrationTests.LocalAws;

[Collection("LocalAws")]
public sealed class FaultInjectionTests(LocalAwsFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Alice = """
        { "users": [ { "name": "alice", "accessKeys": [ { "id": "AKIAALICEKEY0000001", "secret": "s1", "status": "Active" } ] } ],
          "buckets": [ { "name": "evidence", "objects": [ { "key": "k.txt", "body": "x" } ] } ] }
        """;

    private static readonly KeyValuePair<string, string>[] DeactivateAliceKey =
    [
        new("Action", "UpdateAccessKey"), new("Version", "2010-05-08"), new("UserName", "alice"),
        new("AccessKeyId", "AKIAALICEKEY0000001"), new("Status", "Inactive"),
    ];

    private readonly RawAwsRequests _aws = new(fixture.Endpoint);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Throttling_is_returned_count_times_in_query_xml_then_the_call_goes_through()
    {
        using var _ = await fixture.SeedAsync(Alice);
        await fixture.SetFaultsAsync("""
            {"faults":[{"service":"iam","operation":"UpdateAccessKey","error":"Throttling","status":400,"count":2,"latencyMs":0,"message":"Rate exceeded"}]}
            """);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var (status, body) = await _aws.QueryAsync("iam", DeactivateAliceKey);
            Assert.Equal(400, status);
            var root = XDocument.Parse(body).Root!;
            Assert.Equal("ErrorResponse", root.Name.LocalName);
            var error = root.Element("Error")!;
            Assert.Equal("Sender", error.Element("Type")!.Value);
            Assert.Equal("Throttling", error.Element("Code")!.Value);
            Assert.Equal("Rate exceeded", error.Element("Message")!.Value);
            Assert.False(string.IsNullOrEmpty(root.Element("RequestId")!.Value));
        }

        var (okStatus, okBody) = await _aws.QueryAsync("iam", DeactivateAliceKey);
        Assert.True(okStatus == 200, okBody);
        using var keys = await AwsCli.JsonAsync(fixture.EndpointUrl, "iam", "list-access-keys", "--user-name", "alice");
        Assert.Equal("Inactive", keys.RootElement.GetProperty("AccessKeyMetadata")[0].GetProperty("Status").GetString());
        using var pending = await fixture.PendingFaultsAsync();
        Assert.Empty(pending.RootElement.GetProperty("faults").EnumerateArray());
        Assert.Equal([400, 400, 200], (await fixture.CallsAsync()).Where(c => c.Operation == "UpdateAccessKey").Select(c => c.Status));
    }

    [Fact]
    public async Task Skip_lets_that_many_matching_requests_through_before_the_fault_starts()
    {
        using var _ = await fixture.SeedAsync(Alice);
        await fixture.SetFaultsAsync("""
            {"faults":[{"service":"iam","operation":"UpdateAccessKey","error":"ServiceFailure","status":500,"skip":1,"count":1}]}
            """);

        var statuses = new List<int>();
        for (var call = 0; call < 3; call++)
        {
            statuses.Add((await _aws.QueryAsync("iam", DeactivateAliceKey)).Status);
        }
        Assert.Equal([200, 500, 200], statuses);
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.SetFaultsAsync("""{"faults":[{"service":"iam","error":"Throttling","skip":-1}]}"""));
    }

    [Fact]
    public async Task Json_services_get_a_json_error_and_a_wildcard_operation_matches_only_its_service()
    {
        await fixture.SetFaultsAsync("""
            {"faults":[{"service":"sagemaker","operation":"*","error":"InternalFailure","status":500,"count":1}]}
            """);

        var (kmsStatus, _) = await _aws.JsonAsync("kms", "TrentService.ListKeys", "{}");
        Assert.Equal(200, kmsStatus);
        var (status, body) = await _aws.JsonAsync("sagemaker", "SageMaker.ListTrainingJobs", "{}");

        Assert.Equal(500, status);
        using var error = JsonDocument.Parse(body);
        Assert.Equal("InternalFailure", error.RootElement.GetProperty("__type").GetString());
        Assert.Equal("InternalFailure", error.RootElement.GetProperty("message").GetString());
        Assert.Equal(200, (await _aws.JsonAsync("sagemaker", "SageMaker.ListTrainingJobs", "{}")).Status);
    }

    [Fact]
    public async Task S3_faults_use_the_s3_error_document_the_sdk_understands()
    {
        using var _ = await fixture.SeedAsync(Alice);
        await fixture.SetFaultsAsync("""{"faults":[{"service":"s3","operation":"GetObject","error":"SlowDown","status":503,"message":"Please reduce your request rate."}]}""");
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config
        {
            ServiceURL = fixture.EndpointUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0,
        });

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetObjectAsync("evidence", "k.txt"));
        Assert.Equal("SlowDown", error.ErrorCode);
        Assert.Equal(503, (int)error.StatusCode);
        Assert.Equal("Please reduce your request rate.", error.Message);

        using var obj = await s3.GetObjectAsync("evidence", "k.txt");
        Assert.Equal(200, (int)obj.HttpStatusCode);
    }

    [Fact]
    public async Task Latency_only_fault_delays_a_successful_call()
    {
        await fixture.SetFaultsAsync("""{"faults":[{"service":"sns","operation":"ListTopics","latencyMs":800}]}""");
        var listTopics = new KeyValuePair<string, string>[] { new("Action", "ListTopics"), new("Version", "2010-03-31") };

        var clock = Stopwatch.StartNew();
        var (status, body) = await _aws.QueryAsync("sns", listTopics);
        clock.Stop();

        Assert.True(status == 200, body);
        Assert.InRange(clock.ElapsedMilliseconds, 750, 10_000);
        using var pending = await fixture.PendingFaultsAsync();
        Assert.Empty(pending.RootElement.GetProperty("faults").EnumerateArray());
    }

    [Fact]
    public async Task Cleared_faults_no_longer_fire_and_bad_fault_specs_are_rejected()
    {
        using var _ = await fixture.SeedAsync(Alice);
        await fixture.SetFaultsAsync("""{"faults":[{"service":"iam","operation":"*","error":"ServiceFailure","status":500,"count":5}]}""");
        using (var pending = await fixture.PendingFaultsAsync())
        {
            Assert.Equal(5, pending.RootElement.GetProperty("faults")[0].GetProperty("count").GetInt32());
        }

        await fixture.ClearFaultsAsync();

        Assert.Equal(200, (await _aws.QueryAsync("iam", DeactivateAliceKey)).Status);
        var bad = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.SetFaultsAsync("""{"faults":[{"operation":"X"}]}"""));
        Assert.Contains("'service' (string) is required", bad.Message, StringComparison.Ordinal);
    }
}
