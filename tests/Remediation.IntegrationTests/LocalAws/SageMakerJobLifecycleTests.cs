namespace Remediation.IntegrationTests.LocalAws;

[Collection("LocalAws")]
public sealed class SageMakerJobLifecycleTests(LocalAwsFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Jobs = """
        {
          "trainingJobs": [ { "name": "churn-model-2025", "roleArn": "arn:aws:iam::123456789012:role/sagemaker-exec",
                              "outputS3Path": "s3://ml-models/churn/", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
                              "instanceType": "ml.m5.xlarge", "instanceCount": 2 } ],
          "processingJobs": [ { "name": "feature-prep-1", "roleArn": "arn:aws:iam::123456789012:role/sagemaker-exec" } ]
        }
        """;

    private readonly RawAwsRequests _aws = new(fixture.Endpoint);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Training_job_stays_in_progress_until_stopped_then_goes_Stopping_then_Stopped()
    {
        using var _ = await fixture.SeedAsync(Jobs);

        using (var described = await OkAsync("DescribeTrainingJob", """{"TrainingJobName":"churn-model-2025"}"""))
        {
            var job = described.RootElement;
            Assert.Equal("InProgress", job.GetProperty("TrainingJobStatus").GetString());
            Assert.Equal("arn:aws:iam::123456789012:role/sagemaker-exec", job.GetProperty("RoleArn").GetString());
            Assert.Equal("s3://ml-models/churn/", job.GetProperty("OutputDataConfig").GetProperty("S3OutputPath").GetString());
            Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
                job.GetProperty("AlgorithmSpecification").GetProperty("TrainingImage").GetString());
            Assert.Equal("ml.m5.xlarge", job.GetProperty("ResourceConfig").GetProperty("InstanceType").GetString());
            Assert.Equal(2, job.GetProperty("ResourceConfig").GetProperty("InstanceCount").GetInt32());
            Assert.True(job.GetProperty("CreationTime").GetDouble() > 1.7e9);
            Assert.False(job.TryGetProperty("TrainingEndTime", out var _));
        }

        Assert.Equal(["churn-model-2025"], await ListNamesAsync("ListTrainingJobs", "InProgress"));

        using (await OkAsync("StopTrainingJob", """{"TrainingJobName":"churn-model-2025"}""")) { }
        Assert.Equal(["churn-model-2025"], await ListNamesAsync("ListTrainingJobs", "Stopping"));
        Assert.Empty(await ListNamesAsync("ListTrainingJobs", "InProgress"));

        using (var described = await OkAsync("DescribeTrainingJob", """{"TrainingJobName":"churn-model-2025"}"""))
        {
            Assert.Equal("Stopped", described.RootElement.GetProperty("TrainingJobStatus").GetString());
        }

        Assert.Equal(["churn-model-2025"], await ListNamesAsync("ListTrainingJobs", "Stopped"));
        var (status, body) = await _aws.JsonAsync("sagemaker", "SageMaker.StopTrainingJob", """{"TrainingJobName":"churn-model-2025"}""");
        Assert.Equal(400, status);
        using var error = JsonDocument.Parse(body);
        Assert.Equal("ValidationException", error.RootElement.GetProperty("__type").GetString());
        Assert.Equal("The request was rejected because the training job is in status Stopped.",
            error.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Processing_job_stays_in_progress_until_stopped_then_goes_Stopping_then_Stopped()
    {
        using var _ = await fixture.SeedAsync(Jobs);

        Assert.Equal("InProgress", await ProcessingStatusAsync());
        using (await OkAsync("StopProcessingJob", """{"ProcessingJobName":"feature-prep-1"}""")) { }
        Assert.Equal(["feature-prep-1"], await ListNamesAsync("ListProcessingJobs", "Stopping"));
        Assert.Equal("Stopped", await ProcessingStatusAsync());

        var (status, body) = await _aws.JsonAsync("sagemaker", "SageMaker.StopProcessingJob", """{"ProcessingJobName":"feature-prep-1"}""");
        Assert.Equal(400, status);
        using var error = JsonDocument.Parse(body);
        Assert.Equal("ValidationException", error.RootElement.GetProperty("__type").GetString());
        Assert.Equal("The request was rejected because the processing job is in status Stopped.",
            error.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Jobs_created_through_the_api_start_in_progress_and_settle_to_Stopped_on_their_own()
    {
        using (await OkAsync("CreateTrainingJob", """
            {"TrainingJobName":"api-job","RoleArn":"arn:aws:iam::123456789012:role/sagemaker-exec",
             "AlgorithmSpecification":{"TrainingImage":"img:1","TrainingInputMode":"File"},
             "OutputDataConfig":{"S3OutputPath":"s3://out/"},
             "ResourceConfig":{"InstanceType":"ml.m5.large","InstanceCount":1,"VolumeSizeInGB":10},
             "StoppingCondition":{"MaxRuntimeInSeconds":3600}}
            """)) { }
        Assert.Equal(["api-job"], await ListNamesAsync("ListTrainingJobs", "InProgress"));

        using (await OkAsync("StopTrainingJob", """{"TrainingJobName":"api-job"}""")) { }
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.Equal(["api-job"], await ListNamesAsync("ListTrainingJobs", "Stopped"));
    }

    [Fact]
    public async Task Unknown_job_is_a_validation_exception_like_aws()
    {
        var (status, body) = await _aws.JsonAsync("sagemaker", "SageMaker.DescribeTrainingJob", """{"TrainingJobName":"nope"}""");

        Assert.Equal(400, status);
        using var error = JsonDocument.Parse(body);
        Assert.Equal("ValidationException", error.RootElement.GetProperty("__type").GetString());
        Assert.Equal("Requested resource not found.", error.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Listing_filters_by_status_before_paginating()
    {
        using var _ = await fixture.SeedAsync("""
            { "trainingJobs": [ { "name": "a", "status": "Completed" }, { "name": "b" }, { "name": "c", "status": "Failed" },
                                { "name": "d" }, { "name": "e", "status": "Completed" }, { "name": "f" } ] }
            """);

        using var first = await OkAsync("ListTrainingJobs", """{"StatusEquals":"InProgress","MaxResults":2}""");
        var token = first.RootElement.GetProperty("NextToken").GetString();
        using var second = await OkAsync("ListTrainingJobs", $$"""{"StatusEquals":"InProgress","MaxResults":2,"NextToken":"{{token}}"}""");

        Assert.Equal(["b", "d"], Names(first));
        Assert.Equal(["f"], Names(second));
        Assert.False(second.RootElement.TryGetProperty("NextToken", out var _));
    }

    [Fact]
    public async Task Aws_cli_sees_the_stop_and_the_second_stop_error()
    {
        using var _ = await fixture.SeedAsync(Jobs);

        var (stopCode, _, stopError) = await AwsCli.RunAsync(fixture.EndpointUrl, "sagemaker", "stop-training-job", "--training-job-name", "churn-model-2025");
        Assert.True(stopCode == 0, stopError);
        using var described = await AwsCli.JsonAsync(fixture.EndpointUrl, "sagemaker", "describe-training-job", "--training-job-name", "churn-model-2025");
        Assert.Equal("Stopped", described.RootElement.GetProperty("TrainingJobStatus").GetString());

        var (againCode, _, againError) = await AwsCli.RunAsync(fixture.EndpointUrl, "sagemaker", "stop-training-job", "--training-job-name", "churn-model-2025");
        Assert.NotEqual(0, againCode);
        Assert.Contains("(ValidationException) when calling the StopTrainingJob operation: The request was rejected because the training job is in status Stopped.",
            againError, StringComparison.Ordinal);
    }

    private async Task<string?> ProcessingStatusAsync()
    {
        using var described = await OkAsync("DescribeProcessingJob", """{"ProcessingJobName":"feature-prep-1"}""");
        return described.RootElement.GetProperty("ProcessingJobStatus").GetString();
    }

    private async Task<List<string>> ListNamesAsync(string operation, string status)
    {
        using var listed = await OkAsync(operation, $$"""{"StatusEquals":"{{status}}"}""");
        return Names(listed);
    }

    private static List<string> Names(JsonDocument listed)
    {
        var summaries = listed.RootElement.EnumerateObject().Single(p => p.Name.EndsWith("Summaries", StringComparison.Ordinal)).Value;
        return summaries.EnumerateArray()
            .Select(s => s.EnumerateObject().Single(p => p.Name.EndsWith("JobName", StringComparison.Ordinal)).Value.GetString()!)
            .ToList();
    }

    private async Task<JsonDocument> OkAsync(string operation, string json)
    {
        var (status, body) = await _aws.JsonAsync("sagemaker", $"SageMaker.{operation}", json);
        Assert.True(status == 200, $"{operation}: {status} {body}");
        return JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
    }
}
