namespace Remediation.QuarantineS3Object;

/// <summary>Reads the facts (source version, evidence, bucket tags, running jobs) and lets the planner decide.</summary>
public sealed class QuarantinePlaybook(QuarantinePolicy policy, IQuarantineFacts facts) : IPlaybook
{
    /// <summary>The function's logical name.</summary>
    public const string Name = "QuarantineS3Object";

    /// <inheritdoc />
    public string FunctionName => Name;

    /// <inheritdoc />
    public async Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var (target, reason) = QuarantineTarget.From(finding);
        if (target is null)
        {
            return Plan.ReportOnly(reason!, Core.Notifications.ReportHeadline.For(finding));
        }
        var source = await facts.SourceAsync(target.Bucket, target.Key, target.VersionId, ct);
        var evidence = await facts.EvidenceAsync(policy.QuarantineBucket, target.QuarantineKey, target.VersionId, target.ETag, ct);
        var bucketTags = await facts.BucketTagsAsync(target.Bucket, ct);
        var jobs = await facts.RunningJobsAsync(ct); // listed even when stopping is off, to name them in the report
        var snapshot = new QuarantineFactsSnapshot(source is not null, evidence?.VersionId, bucketTags, jobs);
        return QuarantinePlanner.Plan(target, snapshot, policy, finding.FindingId);
    }
}
