namespace Remediation.Tests.Aws;

/// <summary>awsJson1_1 requests: target header, content type, and the members botocore would send (model order, compact JSON).</summary>
public sealed class SageMakerRequestSerializationTests
{
    [Theory]
    [InlineData("StopTrainingJob", """{"TrainingJobName":"job-1"}""")]
    [InlineData("StopProcessingJob", """{"ProcessingJobName":"job-1"}""")]
    public async Task Stop_sends_the_job_name(string operation, string expectedBody)
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk("");

        var call = operation == "StopTrainingJob"
            ? aws.Factory.SageMaker.StopTrainingJobAsync("job-1", CancellationToken.None)
            : aws.Factory.SageMaker.StopProcessingJobAsync("job-1", CancellationToken.None);
        await call;

        var request = aws.Single;
        Assert.Equal(expectedBody, request.Body);
        Assert.Equal("SageMaker." + operation, request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal("https://api.sagemaker.eu-west-1.amazonaws.com/", request.Uri.ToString());
    }

    [Fact]
    public async Task Describe_sends_the_job_name()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk("""{"TrainingJobName":"job-1","TrainingJobArn":"arn:aws:sagemaker:eu-west-1:1:training-job/job-1","TrainingJobStatus":"InProgress"}""");

        await aws.Factory.SageMaker.DescribeTrainingJobAsync("job-1", CancellationToken.None);

        Assert.Equal("""{"TrainingJobName":"job-1"}""", aws.Single.Body);
        Assert.Equal("SageMaker.DescribeTrainingJob", aws.Single.Header("X-Amz-Target"));
    }

    [Fact]
    public async Task ListTrainingJobs_sends_NextToken_MaxResults_StatusEquals_in_model_order_and_follows_pages()
    {
        using var aws = new TestAws();
        aws.Handler
            .ThenOk("""{"TrainingJobSummaries":[],"NextToken":"t1"}""")
            .ThenOk("""{"TrainingJobSummaries":[]}""");

        await aws.Factory.SageMaker.ListTrainingJobsAsync("InProgress", CancellationToken.None);

        Assert.Equal(["""{"MaxResults":100,"StatusEquals":"InProgress"}""", """{"NextToken":"t1","MaxResults":100,"StatusEquals":"InProgress"}"""], aws.Handler.Requests.Select(r => r.Body));
    }

    [Fact]
    public async Task ListProcessingJobs_sends_StatusEquals_NextToken_MaxResults_in_model_order()
    {
        using var aws = new TestAws();
        aws.Handler
            .ThenOk("""{"ProcessingJobSummaries":[],"NextToken":"t1"}""")
            .ThenOk("""{"ProcessingJobSummaries":[]}""");

        await aws.Factory.SageMaker.ListProcessingJobsAsync(null, CancellationToken.None);

        Assert.Equal(["""{"MaxResults":100}""", """{"NextToken":"t1","MaxResults":100}"""], aws.Handler.Requests.Select(r => r.Body));
        Assert.All(aws.Handler.Requests, r => Assert.Equal("SageMaker.ListProcessingJobs", r.Header("X-Amz-Target")));
    }
}
