using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Remediation.Core.Aws;

namespace Remediation.IntegrationTests.Aws;

/// <summary>
/// Issue 12.8: the official SDK clients (S3, DynamoDB, KMS, SSM) follow the project's retry budget: throttling and 5xx
/// are retried up to <see cref="AwsRetryOptions.MaxAttempts"/> attempts in all, a permanent 4xx fails on the first.
/// </summary>
[Collection("LocalAws")]
public sealed class SdkClientRetryTests(LocalAwsFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string World = """{ "buckets": [ { "name": "evidence", "objects": [ { "key": "k.txt", "body": "x" } ] } ], "tables": [ { "name": "ledger" } ] }""";

    private readonly AwsClientFactory aws = new(AwsClientSettings.ForEndpoint(fixture.EndpointUrl));

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        (await fixture.SeedAsync(World)).Dispose();
        await fixture.ClearCallsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task S3_throttling_four_times_in_a_row_still_succeeds_on_the_fifth_attempt()
    {
        await fixture.SetFaultsAsync("""{"faults":[{"service":"s3","operation":"GetObject","error":"SlowDown","status":503,"count":4}]}""");
        using var response = await aws.S3.GetObjectAsync("evidence", "k.txt");
        Assert.Equal([503, 503, 503, 503, 200], await StatusesAsync("s3", "GetObject"));
    }

    [Fact]
    public async Task S3_access_denied_fails_on_the_first_attempt()
    {
        await fixture.SetFaultsAsync("""{"faults":[{"service":"s3","operation":"GetObject","error":"AccessDenied","status":403,"count":3}]}""");
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => aws.S3.GetObjectAsync("evidence", "k.txt"));
        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal([403], await StatusesAsync("s3", "GetObject"));
    }

    [Fact]
    public async Task DynamoDb_throttling_is_retried_within_the_same_budget_and_a_validation_error_is_not()
    {
        await fixture.SetFaultsAsync("""{"faults":[{"service":"dynamodb","operation":"GetItem","error":"ThrottlingException","status":400,"count":4}]}""");
        var key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "x" } };
        await aws.DynamoDb.GetItemAsync("ledger", key);
        Assert.Equal([400, 400, 400, 400, 200], await StatusesAsync("dynamodb", "GetItem"));

        await fixture.ClearCallsAsync();
        await fixture.SetFaultsAsync("""{"faults":[{"service":"dynamodb","operation":"GetItem","error":"ValidationException","status":400,"count":3}]}""");
        await Assert.ThrowsAnyAsync<Amazon.DynamoDBv2.AmazonDynamoDBException>(() => aws.DynamoDb.GetItemAsync("ledger", key));
        Assert.Equal([400], await StatusesAsync("dynamodb", "GetItem"));
    }

    private async Task<IReadOnlyList<int>> StatusesAsync(string service, string operation) =>
        [.. (await fixture.CallsAsync()).Where(c => c.Service == service && c.Operation == operation).Select(c => c.Status)];
}
