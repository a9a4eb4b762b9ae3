using Remediation.Core.Aws.SageMaker;

namespace Remediation.Tests.Aws;

public sealed class SageMakerResponseParsingTests
{
    [Fact]
    public async Task DescribeTrainingJob_reads_status_role_output_and_epoch_creation_time()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk("""
            {
              "TrainingJobName": "fraud-model-2024",
              "TrainingJobArn": "arn:aws:sagemaker:eu-west-1:111122223333:training-job/fraud-model-2024",
              "TrainingJobStatus": "InProgress",
              "SecondaryStatus": "Training",
              "HyperParameters": {"epochs": "10"},
              "AlgorithmSpecification": {"TrainingImage": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/train:1", "TrainingInputMode": "File"},
              "RoleArn": "arn:aws:iam::111122223333:role/ml-training-role",
              "OutputDataConfig": {"KmsKeyId": "", "S3OutputPath": "s3://ml-artifacts/output"},
              "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
              "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
              "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://ml-data/train/"}}},
                                  {"ChannelName": "fs", "DataSource": {"FileSystemDataSource": {"FileSystemId": "fs-1"}}}],
              "CreationTime": 1.700000000123E9,
              "ModelArtifacts": {"S3ModelArtifacts": ""}
            }
            """);

        var job = await aws.Factory.SageMaker.DescribeTrainingJobAsync("fraud-model-2024", CancellationToken.None);

        Assert.Equal(
            new SageMakerJob(
                "fraud-model-2024",
                "arn:aws:sagemaker:eu-west-1:111122223333:training-job/fraud-model-2024",
                "InProgress",
                "arn:aws:iam::111122223333:role/ml-training-role",
                "s3://ml-artifacts/output",
                DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123)),
            job with { InputS3Uris = [], Description = default });
        Assert.Equal(["s3://ml-data/train/"], job.InputS3Uris);
        Assert.Equal("Training", job.Description.GetProperty("SecondaryStatus").GetString());
    }

    [Fact]
    public async Task DescribeProcessingJob_reads_the_first_output()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk("""
            {"ProcessingJobName":"prep","ProcessingJobArn":"arn:aws:sagemaker:eu-west-1:1:processing-job/prep","ProcessingJobStatus":"Stopped",
             "ProcessingOutputConfig":{"Outputs":[{"OutputName":"out","S3Output":{"S3Uri":"s3://b/out","LocalPath":"/opt/ml/processing/output","S3UploadMode":"EndOfJob"}}]},
             "ProcessingInputs":[{"InputName":"raw","S3Input":{"S3Uri":"s3://b/raw/","LocalPath":"/in","S3DataType":"S3Prefix"}}],
             "CreationTime":1700000000}
            """);

        var job = await aws.Factory.SageMaker.DescribeProcessingJobAsync("prep", CancellationToken.None);
        Assert.Equal(["s3://b/raw/"], job.InputS3Uris);

        Assert.Equal("Stopped", job.Status);
        Assert.Equal("s3://b/out", job.OutputS3Path);
        Assert.Null(job.RoleArn);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), job.CreationTime);
    }

    [Fact]
    public async Task ListTrainingJobs_reads_every_page()
    {
        using var aws = new TestAws();
        aws.Handler
            .ThenOk("""{"TrainingJobSummaries":[{"TrainingJobName":"a","TrainingJobArn":"arn:a","CreationTime":1.5E9,"TrainingJobStatus":"InProgress","SecondaryStatus":"Training"}],"NextToken":"n"}""")
            .ThenOk("""{"TrainingJobSummaries":[{"TrainingJobName":"b","TrainingJobArn":"arn:b","CreationTime":1.6E9,"TrainingJobStatus":"InProgress"}]}""");

        var jobs = await aws.Factory.SageMaker.ListTrainingJobsAsync("InProgress", CancellationToken.None);

        Assert.Equal(
            [
                new SageMakerJobSummary("a", "arn:a", "InProgress", DateTimeOffset.FromUnixTimeSeconds(1_500_000_000)),
                new SageMakerJobSummary("b", "arn:b", "InProgress", DateTimeOffset.FromUnixTimeSeconds(1_600_000_000)),
            ],
            jobs);
    }

    [Fact]
    public async Task ListProcessingJobs_with_no_jobs_is_empty()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk("""{"ProcessingJobSummaries":[]}""");

        Assert.Empty(await aws.Factory.SageMaker.ListProcessingJobsAsync("InProgress", CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    public async Task Stop_accepts_an_empty_or_empty_object_body(string body)
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk(body);

        await aws.Factory.SageMaker.StopTrainingJobAsync("a", CancellationToken.None);

        Assert.Single(aws.Handler.Requests);
    }
}
