using System.Text.Json;

namespace Remediation.Core.Aws.SageMaker;

/// <summary>The SageMaker operations the product calls (awsJson1_1, target prefix "SageMaker").</summary>
public interface ISageMaker
{
    /// <summary>DescribeTrainingJob. Unknown names answer ValidationException, not ResourceNotFound (docs/aws-reference.md §B4).</summary>
    Task<SageMakerJob> DescribeTrainingJobAsync(string name, CancellationToken ct);
    /// <summary>ListTrainingJobs with StatusEquals, all pages.</summary>
    Task<IReadOnlyList<SageMakerJobSummary>> ListTrainingJobsAsync(string? statusEquals, CancellationToken ct);
    /// <summary>StopTrainingJob.</summary>
    Task StopTrainingJobAsync(string name, CancellationToken ct);
    /// <summary>DescribeProcessingJob.</summary>
    Task<SageMakerJob> DescribeProcessingJobAsync(string name, CancellationToken ct);
    /// <summary>ListProcessingJobs with StatusEquals, all pages.</summary>
    Task<IReadOnlyList<SageMakerJobSummary>> ListProcessingJobsAsync(string? statusEquals, CancellationToken ct);
    /// <summary>StopProcessingJob.</summary>
    Task StopProcessingJobAsync(string name, CancellationToken ct);
    /// <summary>DescribeNotebookInstance. Unknown names answer ValidationException ("RecordNotFound").</summary>
    Task<SageMakerNotebook> DescribeNotebookInstanceAsync(string name, CancellationToken ct);
    /// <summary>StopNotebookInstance (the ML storage volume is kept, docs/aws-reference.md §B4).</summary>
    Task StopNotebookInstanceAsync(string name, CancellationToken ct);
    /// <summary>ListTags of any SageMaker resource ARN, all pages.</summary>
    Task<IReadOnlyDictionary<string, string>> ListTagsAsync(string resourceArn, CancellationToken ct);
}

/// <summary>The fields of a described job the product reads.</summary>
public sealed record SageMakerJob(string Name, string Arn, string Status, string? RoleArn, string? OutputS3Path, DateTimeOffset? CreationTime)
{
    /// <summary>The S3 URIs the job reads (training InputDataConfig S3DataSource, processing ProcessingInputs S3Input).</summary>
    public IReadOnlyList<string> InputS3Uris { get; init; } = [];

    /// <summary>The whole Describe response, for the ledger's forensic snapshot.</summary>
    public JsonElement Description { get; init; }
}

/// <summary>The fields of a described notebook instance the product reads.</summary>
/// <param name="Name">NotebookInstanceName.</param>
/// <param name="Arn">NotebookInstanceArn.</param>
/// <param name="Status">Pending | InService | Stopping | Stopped | Failed | Deleting | Updating.</param>
/// <param name="DirectInternetAccess">Enabled | Disabled, when given.</param>
/// <param name="SubnetId">The VPC subnet, when the instance runs in one.</param>
/// <param name="RoleArn">The execution role.</param>
public sealed record SageMakerNotebook(string Name, string Arn, string Status, string? DirectInternetAccess, string? SubnetId, string? RoleArn)
{
    /// <summary>The whole Describe response, for the ledger's forensic snapshot.</summary>
    public JsonElement Description { get; init; }
}

/// <summary>A row of a job listing.</summary>
public sealed record SageMakerJobSummary(string Name, string Arn, string Status, DateTimeOffset? CreationTime);
