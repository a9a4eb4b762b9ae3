using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Aws.Sns;
using static Remediation.IntegrationTests.Aws.ParityWorld;

namespace Remediation.IntegrationTests.Aws;

/// <summary>Our clients read LocalAws's answers and its error responses, and retry only what is retryable.</summary>
[Collection("LocalAws")]
public sealed class EmulatorResponseTests(LocalAws.LocalAwsFixture localAws) : IAsyncLifetime, IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly AwsClientFactory _aws = new(AwsClientSettings.ForEndpoint(localAws.EndpointUrl));

    public async Task InitializeAsync()
    {
        await localAws.ResetAsync();
        (await localAws.SeedAsync(Json)).Dispose();
        await localAws.ClearCallsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task IAM_reads_and_writes_round_trip()
    {
        var user = await _aws.Iam.GetUserAsync(User, Ct);
        Assert.Equal((User, $"arn:aws:iam::{Account}:user/{User}", "/"), (user.UserName, user.Arn, user.Path));
        Assert.False(string.IsNullOrEmpty(user.UserId));

        var key = Assert.Single(await _aws.Iam.ListAccessKeysAsync(User, Ct));
        Assert.Equal((User, KeyId, AccessKeyStatus.Active), (key.UserName, key.AccessKeyId, key.Status));
        Assert.NotNull(key.CreateDate);
        await _aws.Iam.UpdateAccessKeyAsync(User, KeyId, AccessKeyStatus.Inactive, Ct);
        Assert.Equal(AccessKeyStatus.Inactive, Assert.Single(await _aws.Iam.ListAccessKeysAsync(User, Ct)).Status);

        await _aws.Iam.PutRolePolicyAsync(Role, "AWSRevokeOlderSessions", RevokePolicy, Ct);
        var stored = await _aws.Iam.GetRolePolicyAsync(Role, "AWSRevokeOlderSessions", Ct);
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(RevokePolicy)!.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(stored!)!.ToJsonString());

        var role = await _aws.Iam.GetRoleAsync(Role, Ct);
        Assert.Contains("sagemaker.amazonaws.com", role.AssumeRolePolicyDocument, StringComparison.Ordinal);
        Assert.Equal("ml", (await _aws.Iam.ListRoleTagsAsync(Role, Ct))["team"]);
        Assert.Equal("ml", (await _aws.Iam.ListUserTagsAsync(User, Ct))["team"]);
        Assert.Contains(await _aws.Iam.ListAttachedUserPoliciesAsync(User, Ct), p => p.PolicyArn == ManagedPolicyArn);
        Assert.Contains(await _aws.Iam.ListUsersAsync(Ct), u => u.UserName == "bob");
        Assert.True(await _aws.Iam.HasLoginProfileAsync(User, Ct));
        Assert.False(await _aws.Iam.HasLoginProfileAsync("bob", Ct));

        var created = await _aws.Iam.CreateAccessKeyAsync(User, Ct);
        Assert.False(string.IsNullOrEmpty(created.SecretAccessKey));
        Assert.Equal(2, (await _aws.Iam.ListAccessKeysAsync(User, Ct)).Count);
    }

    [Fact]
    public async Task IAM_NoSuchEntity_is_an_AwsServiceException_or_null_for_inline_policies()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _aws.Iam.GetUserAsync("nobody", Ct));
        Assert.Equal(("iam", "NoSuchEntity", 404), (error.Service, error.ErrorCode, error.StatusCode));
        Assert.Null(await _aws.Iam.GetUserPolicyAsync(User, "absent", Ct));
        Assert.Null(await _aws.Iam.GetRolePolicyAsync(Role, "absent", Ct));
    }

    [Fact]
    public async Task SageMaker_jobs_are_described_listed_and_stopped()
    {
        var job = await _aws.SageMaker.DescribeTrainingJobAsync(TrainingJob, Ct);
        Assert.Equal((TrainingJob, "InProgress", $"arn:aws:iam::{Account}:role/{Role}"), (job.Name, job.Status, job.RoleArn));
        Assert.NotNull(job.CreationTime);
        Assert.Contains(await _aws.SageMaker.ListTrainingJobsAsync("InProgress", Ct), j => j.Name == TrainingJob);

        await _aws.SageMaker.StopTrainingJobAsync(TrainingJob, Ct);

        var stopped = await _aws.SageMaker.DescribeTrainingJobAsync(TrainingJob, Ct);
        Assert.True(stopped.Status is "Stopping" or "Stopped", stopped.Status);
        Assert.DoesNotContain(await _aws.SageMaker.ListTrainingJobsAsync("InProgress", Ct), j => j.Name == TrainingJob);

        Assert.Equal("InProgress", (await _aws.SageMaker.DescribeProcessingJobAsync(ProcessingJob, Ct)).Status);
        Assert.Contains(await _aws.SageMaker.ListProcessingJobsAsync(null, Ct), j => j.Name == ProcessingJob);
        await _aws.SageMaker.StopProcessingJobAsync(ProcessingJob, Ct);
    }

    [Fact]
    public async Task SageMaker_notebooks_are_described_and_stopped_once()
    {
        var notebook = await _aws.SageMaker.DescribeNotebookInstanceAsync(Notebook, Ct);
        Assert.Equal((Notebook, NotebookArn, "InService", "Enabled", $"arn:aws:iam::{Account}:role/{Role}"),
            (notebook.Name, notebook.Arn, notebook.Status, notebook.DirectInternetAccess, notebook.RoleArn));
        Assert.Equal("InService", notebook.Description.GetProperty("NotebookInstanceStatus").GetString());

        await _aws.SageMaker.StopNotebookInstanceAsync(Notebook, Ct);

        Assert.Equal("Stopped", (await _aws.SageMaker.DescribeNotebookInstanceAsync(Notebook, Ct)).Status);
        var again = await Assert.ThrowsAsync<AwsServiceException>(() => _aws.SageMaker.StopNotebookInstanceAsync(Notebook, Ct));
        Assert.Equal(("sagemaker", "ValidationException"), (again.Service, again.ErrorCode));
    }

    [Fact]
    public async Task SageMaker_tags_are_listed_and_read_by_the_guardrail_tag_lookup()
    {
        Assert.Equal("ml", (await _aws.SageMaker.ListTagsAsync(NotebookArn, Ct))["team"]);
        var lookup = new Remediation.Core.Guardrails.AwsTagLookup(_aws.Iam, _aws.S3, _aws.SageMaker);
        Assert.Equal("ml", (await lookup.GetTagsAsync(NotebookArn, Ct))["team"]);
        Assert.Empty(await lookup.GetTagsAsync($"arn:aws:sagemaker:us-east-1:{Account}:training-job/no-such-job", Ct));
    }

    [Fact]
    public async Task SageMaker_unknown_job_is_a_ValidationException()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _aws.SageMaker.DescribeTrainingJobAsync("no-such-job", Ct));

        Assert.Equal(("sagemaker", "ValidationException", 400), (error.Service, error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task SNS_publish_returns_the_message_id()
    {
        var topic = await _aws.Sns.CreateTopicAsync("security-alerts", Ct);
        Assert.Equal(TopicArn, topic);

        var id = await _aws.Sns.PublishAsync(
            new SnsPublishRequest(topic, "[HIGH] test", """{"default":"x"}""", "json", new Dictionary<string, string> { ["severity"] = "HIGH" }), Ct);

        Assert.True(Guid.TryParse(id, out _), id);
    }

    [Theory]
    [InlineData("iam", "UpdateAccessKey", "Throttling", 400)]
    [InlineData("sns", "Publish", "Throttled", 429)]
    [InlineData("sagemaker", "StopTrainingJob", "ThrottlingException", 400)]
    [InlineData("iam", "UpdateAccessKey", "ServiceFailure", 500)]
    public async Task Injected_throttling_and_faults_are_retried_to_success(string service, string operation, string code, int status)
    {
        await localAws.SetFaultsAsync($$"""{"faults":[{"service":"{{service}}","operation":"{{operation}}","error":"{{code}}","status":{{status}},"count":2}]}""");

        await (service switch
        {
            "iam" => _aws.Iam.UpdateAccessKeyAsync(User, KeyId, AccessKeyStatus.Inactive, Ct),
            "sns" => _aws.Sns.PublishAsync(new SnsPublishRequest(TopicArn, "s", "m", null, new Dictionary<string, string>()), Ct),
            _ => _aws.SageMaker.StopTrainingJobAsync(TrainingJob, Ct),
        });

        var calls = (await localAws.CallsAsync()).Where(c => c.Operation == operation).Select(c => c.Status);
        Assert.Equal([status, status, 200], calls);
    }

    [Fact]
    public async Task Injected_IAM_LimitExceeded_is_not_retried()
    {
        await localAws.SetFaultsAsync("""{"faults":[{"service":"iam","operation":"PutRolePolicy","error":"LimitExceeded","status":409,"message":"Maximum policy size exceeded","count":1}]}""");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _aws.Iam.PutRolePolicyAsync(Role, "AWSRevokeOlderSessions", RevokePolicy, Ct));

        Assert.Equal(("LimitExceeded", 409, "Maximum policy size exceeded"), (error.ErrorCode, error.StatusCode, error.ServiceMessage));
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal([409], (await localAws.CallsAsync()).Where(c => c.Operation == "PutRolePolicy").Select(c => c.Status));
    }
}
