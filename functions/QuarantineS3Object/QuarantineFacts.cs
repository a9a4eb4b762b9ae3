using Remediation.Actions.SageMaker;
using Amazon.S3;
using Remediation.Actions.S3Quarantine;
using Remediation.Core.Aws.SageMaker;
using Remediation.Core.Guardrails;

namespace Remediation.QuarantineS3Object;

/// <summary>A running SageMaker job and the S3 URIs it reads.</summary>
/// <param name="Training">Training (true) or processing (false).</param>
/// <param name="Name">Job name.</param>
/// <param name="Arn">Job ARN.</param>
/// <param name="InputS3Uris">Input data URIs (prefixes or objects).</param>
public sealed record RunningJob(bool Training, string Name, string Arn, IReadOnlyList<string> InputS3Uris);

/// <summary>What the playbook reads before deciding (never writes).</summary>
public interface IQuarantineFacts
{
    /// <summary>The exact source version, or null when it is gone.</summary>
    Task<ObjectVersion?> SourceAsync(string bucket, string key, string versionId, CancellationToken ct);
    /// <summary>The evidence copy of that version, or null.</summary>
    Task<ObjectVersion?> EvidenceAsync(string quarantineBucket, string quarantineKey, string versionId, string eTag, CancellationToken ct);
    /// <summary>The bucket's tags.</summary>
    Task<IReadOnlyDictionary<string, string>> BucketTagsAsync(string bucket, CancellationToken ct);
    /// <summary>In-progress training and processing jobs, described (all pages).</summary>
    Task<IReadOnlyList<RunningJob>> RunningJobsAsync(CancellationToken ct);
}

/// <summary>The facts from AWS.</summary>
public sealed class AwsQuarantineFacts(IAmazonS3 s3, ISageMaker sageMaker, ITagLookup tags) : IQuarantineFacts
{
    private readonly ObjectVersions versions = new(s3);

    /// <inheritdoc />
    public Task<ObjectVersion?> SourceAsync(string bucket, string key, string versionId, CancellationToken ct) =>
        versions.HeadAsync(bucket, key, versionId, ct);

    /// <inheritdoc />
    public Task<ObjectVersion?> EvidenceAsync(string quarantineBucket, string quarantineKey, string versionId, string eTag, CancellationToken ct) =>
        versions.FindEvidenceAsync(quarantineBucket, quarantineKey, versionId, eTag, ct);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> BucketTagsAsync(string bucket, CancellationToken ct) =>
        tags.GetTagsAsync("arn:aws:s3:::" + bucket, ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunningJob>> RunningJobsAsync(CancellationToken ct)
    {
        var training = DescribeAllAsync(sageMaker.ListTrainingJobsAsync("InProgress", ct), sageMaker.DescribeTrainingJobAsync, true, ct);
        var processing = DescribeAllAsync(sageMaker.ListProcessingJobsAsync("InProgress", ct), sageMaker.DescribeProcessingJobAsync, false, ct);
        return [.. await training, .. await processing];
    }

    private static async Task<IReadOnlyList<RunningJob>> DescribeAllAsync(Task<IReadOnlyList<SageMakerJobSummary>> listing,
        Func<string, CancellationToken, Task<SageMakerJob>> describe, bool training, CancellationToken ct)
    {
        var described = await JobDescriptions.DescribeAsync(await listing, describe, ct);
        // A job that cannot be described fails the plan: which jobs read the object must not be guessed.
        return [.. described.Select(d => d.Job is { } job ? new RunningJob(training, job.Name, job.Arn, job.InputS3Uris) : throw d.Error!)];
    }
}
