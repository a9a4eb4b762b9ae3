namespace Remediation.QuarantineS3Object;

/// <summary>Reads the facts (source version, evidence, bucket tags, running jobs) and lets the planner decide.</summary>
public sealed class QuarantinePlaybook(QuarantinePolicy policy, IQuarantineFacts facts) : IPlaybook
{
    /// <summary>The function's logical name.</summary>
    public const string Name = "QuarantineS3Object";

    /// <inheritdoc />
    public string FunctionName => Name;

    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    /// <inheritdoc />
    /// <remarks>The quarantine copy needs no read to name: the event gives the exact version, the policy the destination.</remarks>
    public IReadOnlyList<PlannedAction> Anticipate(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var (target, _) = QuarantineTarget.From(finding);
        return target is not null
            && QuarantinePlanner.Plan(target, new QuarantineFactsSnapshot(true, null, NoTags, []), policy, finding.FindingId).Actions is [var first, ..]
            ? [first]
            : [];
    }

    /// <inheritdoc />
    public async Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var (target, reason) = QuarantineTarget.From(finding);
        if (target is null)
        {
            return Plan.ReportOnly(reason!, Core.Notifications.ReportHeadline.For(finding));
        }
        // Independent reads, made together (docs/architecture.md §steps).
        var source = facts.SourceAsync(target.Bucket, target.Key, target.VersionId, ct);
        var evidence = facts.EvidenceAsync(policy.QuarantineBucket, target.QuarantineKey, target.VersionId, target.ETag, ct);
        var bucketTags = facts.BucketTagsAsync(target.Bucket, ct);
        var jobs = facts.RunningJobsAsync(ct); // listed even when stopping is off, to name them in the report
        await Task.WhenAll(source, evidence, bucketTags, jobs);
        var snapshot = new QuarantineFactsSnapshot(await source is not null, (await evidence)?.VersionId, await bucketTags, await jobs);
        return QuarantinePlanner.Plan(target, snapshot, policy, finding.FindingId);
    }
}
