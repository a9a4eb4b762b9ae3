using System.Text.Json;

namespace Remediation.Core.Aws.SageMaker;

/// <summary>The SageMaker operations the product calls (awsJson1_1, target prefix "SageMaker").</summary>
public interface ISageMaker
{
    /// <summary>DescribeTrainingJob. Unknown names answer ValidationException, not ResourceNotFound (aws-facts §B4).</summary>
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
}

/// <summary>The fields of a described job the product reads.</summary>
public sealed record SageMakerJob(string Name, string Arn, string Status, string? RoleArn, string? OutputS3Path, DateTimeOffset? CreationTime)
{
    /// <summary>The S3 URIs the job reads (training InputDataConfig S3DataSource, processing ProcessingInputs S3Input).</summary>
    public IReadOnlyList<string> InputS3Uris { get; init; } = [];

    /// <summary>The whole Describe response, for the ledger's forensic snapshot.</summary>
    public JsonElement Description { get; init; }
}

/// <summary>A row of a job listing.</summary>
public sealed record SageMakerJobSummary(string Name, string Arn, string Status, DateTimeOffset? CreationTime);
