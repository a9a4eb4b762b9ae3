using System.Net;
using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Aws.Protocol;

namespace Remediation.Tests.Aws;

public sealed class RetryTests
{
    private const string IamOk = """<UpdateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>""";

    private static string IamError(string code) =>
        $"""<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>{code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>""";

    [Theory]
    [InlineData(400, "Throttling", true)]
    [InlineData(400, "ThrottlingException", true)]
    [InlineData(429, "Throttled", true)]
    [InlineData(400, "RequestLimitExceeded", true)]
    [InlineData(400, "LimitExceededException", true)]
    [InlineData(429, "Http429", true)]
    [InlineData(500, "ServiceFailure", true)]
    [InlineData(503, "ServiceUnavailable", true)]
    [InlineData(500, "InternalError", true)]
    [InlineData(409, "LimitExceeded", false)]
    [InlineData(500, "LimitExceeded", false)]
    [InlineData(404, "NoSuchEntity", false)]
    [InlineData(400, "ValidationException", false)]
    [InlineData(400, "MalformedPolicyDocument", false)]
    [InlineData(403, "AuthorizationError", false)]
    public void Retry_decision(int status, string code, bool retried) =>
        Assert.Equal(retried, AwsRetryPolicy.IsRetryable(status, code));

    [Fact]
    public void Backoff_is_full_jitter_below_an_exponential_ceiling_capped_at_MaxDelay()
    {
        var policy = new AwsRetryPolicy(new AwsRetryOptions());

        Assert.Equal(100, policy.Backoff(1, 0.999999999).TotalMilliseconds, 0.001);
        Assert.Equal(400, policy.Backoff(3, 0.999999999).TotalMilliseconds, 0.001);
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.Backoff(3, 0.5));
        Assert.Equal(TimeSpan.Zero, policy.Backoff(4, 0));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.Backoff(20, 1));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.Backoff(1000, 1));
    }

    [Fact]
    public async Task Throttling_is_retried_until_success_with_growing_delays()
    {
        using var aws = new TestAws();
        aws.Handler
            .Then(HttpStatusCode.BadRequest, IamError("Throttling"))
            .Then(HttpStatusCode.InternalServerError, IamError("ServiceFailure"))
            .ThenOk(IamOk);

        await aws.Factory.Iam.UpdateAccessKeyAsync("alice", "AKIA1", AccessKeyStatus.Inactive, CancellationToken.None);

        Assert.Equal(3, aws.Handler.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)], aws.Delays);
        Assert.Single(aws.Handler.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task IAM_LimitExceeded_is_not_retried()
    {
        using var aws = new TestAws();
        aws.Handler.Then(HttpStatusCode.Conflict, IamError("LimitExceeded")).ThenOk(IamOk);

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.Factory.Iam.PutRolePolicyAsync("r", "AWSRevokeOlderSessions", "{}", CancellationToken.None));

        Assert.Equal(("LimitExceeded", 409), (error.ErrorCode, error.StatusCode));
        Assert.Single(aws.Handler.Requests);
        Assert.Empty(aws.Delays);
    }

    [Fact]
    public async Task Attempts_are_capped_and_the_last_error_is_thrown()
    {
        using var aws = new TestAws(retry: new AwsRetryOptions { MaxAttempts = 3 });
        aws.Handler.Then((HttpStatusCode)429, """<ErrorResponse><Error><Code>Throttled</Code><Message>Rate exceeded</Message></Error></ErrorResponse>""");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Factory.Sns.CreateTopicAsync("t", CancellationToken.None));

        Assert.Equal("Throttled", error.ErrorCode);
        Assert.Equal(3, aws.Handler.Requests.Count);
        Assert.Equal(2, aws.Delays.Count);
    }

    [Fact]
    public async Task Json_throttling_is_retried()
    {
        using var aws = new TestAws();
        aws.Handler
            .Then(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}""")
            .ThenOk("");

        await aws.Factory.SageMaker.StopTrainingJobAsync("job", CancellationToken.None);

        Assert.Equal(2, aws.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_connection_failure_is_retried()
    {
        using var aws = new TestAws();
        aws.Handler.ThenConnectionFailure().ThenOk("");

        await aws.Factory.SageMaker.StopTrainingJobAsync("job", CancellationToken.None);

        Assert.Equal(2, aws.Handler.Requests.Count);
        Assert.Single(aws.Delays);
    }

    [Fact]
    public async Task A_connection_failure_on_the_last_attempt_is_thrown()
    {
        using var aws = new TestAws(retry: new AwsRetryOptions { MaxAttempts = 2 });
        aws.Handler.ThenConnectionFailure();

        await Assert.ThrowsAsync<HttpRequestException>(() => aws.Factory.SageMaker.StopTrainingJobAsync("job", CancellationToken.None));
        Assert.Equal(2, aws.Handler.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_stops_before_sending()
    {
        using var aws = new TestAws();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => aws.Factory.Sns.CreateTopicAsync("t", cancelled.Token));
        Assert.Empty(aws.Handler.Requests);
    }
}
