using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Remediation.IntegrationTests.LocalAws;

[Collection("LocalAws")]
public sealed class CallsLogTests(LocalAwsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Query_call_is_logged_with_its_flat_form_parameters_as_the_cli_sent_them()
    {
        using var created = await fixture.SeedAsync("""{ "topics": [ "security-alerts" ] }""");
        var topicArn = created.RootElement.GetProperty("created").GetProperty("topics")[0].GetProperty("arn").GetString()!;
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var _ = await AwsCli.JsonAsync(fixture.EndpointUrl, "sns", "publish", "--topic-arn", topicArn, "--subject", "[HIGH] test",
            "--message", "hello", "--message-attributes", """{"severity":{"DataType":"String","StringValue":"HIGH"}}""");

        var call = Assert.Single(await fixture.CallsAsync());
        Assert.Equal(("sns", "Publish", 200), (call.Service, call.Operation, call.Status));
        Assert.InRange(call.Time, before, DateTimeOffset.UtcNow.AddSeconds(1));
        var parameters = call.Parameters.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Action"] = "Publish", ["Version"] = "2010-03-31", ["TopicArn"] = topicArn, ["Subject"] = "[HIGH] test", ["Message"] = "hello",
            ["MessageAttributes.entry.1.Name"] = "severity",
            ["MessageAttributes.entry.1.Value.DataType"] = "String",
            ["MessageAttributes.entry.1.Value.StringValue"] = "HIGH",
        }, parameters);
    }

    [Fact]
    public async Task Json_call_is_logged_with_its_parsed_body_and_target_and_failures_keep_their_status()
    {
        var (exitCode, _, _) = await AwsCli.RunAsync(fixture.EndpointUrl, "sagemaker", "describe-training-job", "--training-job-name", "ghost");
        Assert.NotEqual(0, exitCode);

        var call = Assert.Single(await fixture.CallsAsync());
        Assert.Equal(("sagemaker", "DescribeTrainingJob", 400), (call.Service, call.Operation, call.Status));
        Assert.Equal("ghost", call.Parameters.GetProperty("TrainingJobName").GetString());
        using var raw = await RawCallsAsync();
        var headers = raw.RootElement.GetProperty("calls")[0].GetProperty("headers");
        Assert.Equal("SageMaker.DescribeTrainingJob", headers.GetProperty("x-amz-target").GetString());
        Assert.Equal("application/x-amz-json-1.1", headers.GetProperty("content-type").GetString());
    }

    [Fact]
    public async Task S3_calls_are_named_by_operation_with_the_query_string_as_parameters()
    {
        using var _ = await fixture.SeedAsync("""{ "buckets": [ { "name": "evidence", "versioning": true, "objects": [ { "key": "a.txt", "body": "x", "versionId": "v1" } ] } ] }""");
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config
        {
            ServiceURL = fixture.EndpointUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        });

        await s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = "evidence", Key = "a.txt", VersionId = "v1",
            Tagging = new Tagging { TagSet = [new Tag { Key = "quarantine", Value = "true" }] },
        });
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = "evidence", Key = "a.txt", ContentBody = "second" });

        var calls = await fixture.CallsAsync();
        Assert.Equal(["s3 PutObjectTagging 200", "s3 PutObject 200"], calls.Select(c => $"{c.Service} {c.Operation} {c.Status}"));
        Assert.Equal("v1", calls[0].Parameters.GetProperty("versionId").GetString());
        Assert.True(calls[0].Parameters.TryGetProperty("tagging", out var _));
        using var latest = await s3.GetObjectAsync("evidence", "a.txt");
        using var reader = new StreamReader(latest.ResponseStream);
        Assert.Equal("second", await reader.ReadToEndAsync());
        Assert.Equal(put.VersionId, latest.VersionId);
        Assert.NotEqual("v1", put.VersionId);
    }

    [Fact]
    public async Task Control_api_is_not_logged_and_clearing_empties_the_log()
    {
        await fixture.SetFaultsAsync("""{"faults":[{"service":"kms","latencyMs":1}]}""");
        await fixture.ClearFaultsAsync();
        Assert.Empty(await fixture.CallsAsync());

        using var _ = await AwsCli.JsonAsync(fixture.EndpointUrl, "kms", "list-keys");
        Assert.Equal(["kms/ListKeys"], (await fixture.CallsAsync()).Select(c => $"{c.Service}/{c.Operation}"));

        await fixture.ClearCallsAsync();
        Assert.Empty(await fixture.CallsAsync());
    }

    private async Task<JsonDocument> RawCallsAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Endpoint };
        return JsonDocument.Parse(await http.GetStringAsync(new Uri("/_localaws/calls", UriKind.Relative)));
    }
}
