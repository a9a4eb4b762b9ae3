using Remediation.Core.Aws;
using Remediation.Core.Aws.SageMaker;

namespace Remediation.Tests.StopTrainingJob;

/// <summary>An in-memory SageMaker: jobs by name with a status; records the stop calls.</summary>
internal sealed class FakeSageMaker : ISageMaker
{
    public Dictionary<string, string> TrainingStatus { get; } = [];
    public Dictionary<string, string> NotebookStatus { get; } = [];
    public List<string> Stops { get; } = [];

    /// <summary>When set, the stop call finds the job in this status instead (a race with the job finishing).</summary>
    public string? StatusAtStop { get; set; }

    /// <summary>When set, a description asked for after a stop is throttled past the retries.</summary>
    public bool DescribeFailsAfterStop { get; set; }

    public Task<SageMakerJob> DescribeTrainingJobAsync(string name, CancellationToken ct) =>
        DescribeFailsAfterStop && Stops.Contains(name)
            ? throw new AwsServiceException("sagemaker", "ThrottlingException", "Rate exceeded", 400, null)
            : TrainingStatus.TryGetValue(name, out var status)
            ? Task.FromResult(new SageMakerJob(name, "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + name, status, "arn:aws:iam::123456789012:role/sagemaker-exec", null, null)
            {
                Description = JsonDocument.Parse($$$"""{"TrainingJobName":"{{{name}}}","TrainingJobStatus":"{{{status}}}","AlgorithmSpecification":{"TrainingImage":"img"}}""").RootElement.Clone(),
            })
            : throw new AwsServiceException("sagemaker", "ValidationException", "Requested resource not found.", 400, null);

    public Task StopTrainingJobAsync(string name, CancellationToken ct)
    {
        Stops.Add(name);
        if (StatusAtStop is { } now)
        {
            TrainingStatus[name] = now;
        }
        if (!TrainingStatus.TryGetValue(name, out var status))
        {
            throw new AwsServiceException("sagemaker", "ValidationException", "Requested resource not found.", 400, null);
        }
        if (status != "InProgress")
        {
            throw new AwsServiceException("sagemaker", "ValidationException", $"The request was rejected because the training job is in status {status}.", 400, null);
        }
        TrainingStatus[name] = "Stopping";
        return Task.CompletedTask;
    }

    public Task<SageMakerNotebook> DescribeNotebookInstanceAsync(string name, CancellationToken ct) =>
        Task.FromResult(new SageMakerNotebook(name, "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/" + name, NotebookStatus[name], "Enabled", null, null)
        {
            Description = JsonDocument.Parse($$"""{"NotebookInstanceName":"{{name}}"}""").RootElement.Clone(),
        });

    public Task StopNotebookInstanceAsync(string name, CancellationToken ct)
    {
        Stops.Add(name);
        NotebookStatus[name] = "Stopped";
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SageMakerJobSummary>> ListTrainingJobsAsync(string? statusEquals, CancellationToken ct) => throw new NotSupportedException();
    public Task<SageMakerJob> DescribeProcessingJobAsync(string name, CancellationToken ct) => throw new NotSupportedException();
    public Task<IReadOnlyList<SageMakerJobSummary>> ListProcessingJobsAsync(string? statusEquals, CancellationToken ct) => throw new NotSupportedException();
    public Task StopProcessingJobAsync(string name, CancellationToken ct) => throw new NotSupportedException();
    public Task<IReadOnlyDictionary<string, string>> ListTagsAsync(string resourceArn, CancellationToken ct) => throw new NotSupportedException();
}
