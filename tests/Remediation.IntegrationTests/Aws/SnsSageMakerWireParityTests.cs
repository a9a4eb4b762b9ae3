using Remediation.Core.Aws;
using Remediation.Core.Aws.SageMaker;
using Remediation.Core.Aws.Sns;
using static Remediation.IntegrationTests.Aws.ParityWorld;

namespace Remediation.IntegrationTests.Aws;

/// <summary>Every SNS and SageMaker operation of our ports: our request equals the AWS CLI's, parameter by parameter.</summary>
[Collection("LocalAws")]
public sealed class SnsSageMakerWireParityTests(LocalAws.LocalAwsFixture localAws)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const string Message = """{"default":"[HIGH] Revoked sessions of role ml-training-role","email":"What happened: ...","sqs":"{\"incidentId\":\"i-1\"}"}""";

    [Fact]
    public Task Publish_with_message_attributes_and_json_structure() =>
        new WireParity(localAws).AssertSameRequestAsync(
            Json, "sns", "Publish",
            factory => factory.Sns.PublishAsync(
                new SnsPublishRequest(
                    TopicArn,
                    "[HIGH] Revoked sessions of role ml-training-role (credential exfiltration)",
                    Message,
                    "json",
                    new Dictionary<string, string> { ["severity"] = "HIGH", ["function"] = "RevokeIamPermissions", ["outcome"] = "remediated" }),
                Ct),
            [
                "sns", "publish", "--topic-arn", TopicArn,
                "--subject", "[HIGH] Revoked sessions of role ml-training-role (credential exfiltration)",
                "--message", Message, "--message-structure", "json",
                "--message-attributes",
                """{"severity":{"DataType":"String","StringValue":"HIGH"},"function":{"DataType":"String","StringValue":"RevokeIamPermissions"},"outcome":{"DataType":"String","StringValue":"remediated"}}""",
            ]);

    [Fact]
    public Task Publish_plain() =>
        new WireParity(localAws).AssertSameRequestAsync(
            Json, "sns", "Publish",
            factory => factory.Sns.PublishAsync(new SnsPublishRequest(TopicArn, "Drill", "plain text ü", null, new Dictionary<string, string>()), Ct),
            ["sns", "publish", "--topic-arn", TopicArn, "--subject", "Drill", "--message", "plain text ü"]);

    [Fact]
    public Task CreateTopic() =>
        new WireParity(localAws).AssertSameRequestAsync(
            Json, "sns", "CreateTopic", factory => factory.Sns.CreateTopicAsync("remediation-alerts", Ct), ["sns", "create-topic", "--name", "remediation-alerts"]);

    public static TheoryData<string> SageMakerOperations =>
        ["DescribeTrainingJob", "ListTrainingJobs", "StopTrainingJob", "DescribeProcessingJob", "ListProcessingJobs", "StopProcessingJob", "ListTrainingJobs(all)",
         "DescribeNotebookInstance", "StopNotebookInstance", "ListTags"];

    [Theory]
    [MemberData(nameof(SageMakerOperations))]
    public Task SageMaker_request_equals_the_CLI_request(string operation)
    {
        (Func<ISageMaker, Task> ours, string[] cli) = operation switch
        {
            "DescribeTrainingJob" => ((Func<ISageMaker, Task>)(s => s.DescribeTrainingJobAsync(TrainingJob, Ct)), new[] { "sagemaker", "describe-training-job", "--training-job-name", TrainingJob }),
            "ListTrainingJobs" => (s => s.ListTrainingJobsAsync("InProgress", Ct), ["sagemaker", "list-training-jobs", "--status-equals", "InProgress", "--page-size", "100"]),
            "ListTrainingJobs(all)" => (s => s.ListTrainingJobsAsync(null, Ct), ["sagemaker", "list-training-jobs", "--page-size", "100"]),
            "StopTrainingJob" => (s => s.StopTrainingJobAsync(TrainingJob, Ct), ["sagemaker", "stop-training-job", "--training-job-name", TrainingJob]),
            "DescribeProcessingJob" => (s => s.DescribeProcessingJobAsync(ProcessingJob, Ct), ["sagemaker", "describe-processing-job", "--processing-job-name", ProcessingJob]),
            "ListProcessingJobs" => (s => s.ListProcessingJobsAsync("InProgress", Ct), ["sagemaker", "list-processing-jobs", "--status-equals", "InProgress", "--page-size", "100"]),
            "StopProcessingJob" => (s => s.StopProcessingJobAsync(ProcessingJob, Ct), ["sagemaker", "stop-processing-job", "--processing-job-name", ProcessingJob]),
            "DescribeNotebookInstance" => (s => s.DescribeNotebookInstanceAsync(Notebook, Ct), ["sagemaker", "describe-notebook-instance", "--notebook-instance-name", Notebook]),
            "StopNotebookInstance" => (s => s.StopNotebookInstanceAsync(Notebook, Ct), ["sagemaker", "stop-notebook-instance", "--notebook-instance-name", Notebook]),
            "ListTags" => (s => s.ListTagsAsync(NotebookArn, Ct), ["sagemaker", "list-tags", "--resource-arn", NotebookArn]),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "no parity case"),
        };
        var wireName = operation.Replace("(all)", "", StringComparison.Ordinal);
        return new WireParity(localAws).AssertSameRequestAsync(Json, "sagemaker", wireName, factory => ours(factory.SageMaker), cli);
    }
}
