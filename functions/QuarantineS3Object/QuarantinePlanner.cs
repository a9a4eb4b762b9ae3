using Remediation.Actions.SageMaker;
using System.Globalization;
using Remediation.Actions.S3Quarantine;
using Remediation.Core.Configuration;
using Remediation.Core.Guardrails;
using P = Remediation.Actions.S3Quarantine.QuarantineParameters;

namespace Remediation.QuarantineS3Object;

/// <summary>What the playbook learned before deciding.</summary>
/// <param name="SourceExists">The exact source version still exists.</param>
/// <param name="EvidenceVersionId">The evidence copy's version, when one exists already.</param>
/// <param name="BucketTags">The source bucket's tags.</param>
/// <param name="RunningJobs">In-progress SageMaker jobs with their inputs.</param>
public sealed record QuarantineFactsSnapshot(bool SourceExists, string? EvidenceVersionId, IReadOnlyDictionary<string, string> BucketTags, IReadOnlyList<RunningJob> RunningJobs);

/// <summary>The pure decision: target + facts + policy → plan (copy, hold, delete, then the jobs that read the object).</summary>
public static class QuarantinePlanner
{
    /// <summary>Decides.</summary>
    public static Plan Plan(QuarantineTarget target, QuarantineFactsSnapshot facts, QuarantinePolicy policy, string findingId)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        var reported = Headline.Same("Reported " + target.Display);
        if (ReportOnlyReason(target, facts, policy) is { } reason)
        {
            return Core.Pipeline.Plan.ReportOnly(reason, reported);
        }

        var why = target.IsSensitiveData
            ? $"Macie found sensitive data ({string.Join(", ", target.Threats)}) in {target.Display}"
            : $"malware ({string.Join(", ", target.Threats)}) in {target.Display}";
        (string, string)[] common =
        [
            (P.Bucket, target.Bucket), (P.Key, target.Key), (P.VersionId, target.VersionId), (P.ETag, target.ETag),
            (P.QuarantineBucket, policy.QuarantineBucket), (P.QuarantineKey, target.QuarantineKey),
        ];
        var threshold = (P.MultipartThresholdBytes, policy.MultipartThresholdBytes.ToString(CultureInfo.InvariantCulture));
        (string, string)[] copyParameters = policy.KmsKeyId is { } kms
            ? [.. common, (P.FindingId, findingId), (P.KmsKeyId, kms), threshold]
            : [.. common, (P.FindingId, findingId), threshold];
        var actions = new List<PlannedAction>
        {
            PlannedAction.Create(QuarantineKinds.CopyToQuarantine, target.Arn, $"keep the evidence: {why}", copyParameters),
            PlannedAction.Create(QuarantineKinds.LegalHold, target.Arn, "the evidence copy must not be deleted or overwritten", common),
            PlannedAction.Create(QuarantineKinds.DeleteSourceVersion, target.Arn, $"remove the object from the source: {why}", [.. common, threshold]),
        };

        var skipped = new List<string>();
        var readers = facts.RunningJobs.Where(j => j.InputS3Uris.Any(uri => Reads(uri, target))).OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
        foreach (var job in readers)
        {
            var kind = job.Training ? "training" : "processing";
            if (policy.StopJobs)
            {
                // The same stop handlers StopTrainingJob uses: they snapshot the job's description before stopping it.
                actions.Add(job.Training
                    ? PlannedAction.Create(StopTrainingJobHandler.ActionKind, job.Arn, $"the {kind} job reads {target.Uri}, quarantined for {why}",
                        (StopTrainingJobHandler.JobNameParameter, job.Name))
                    : PlannedAction.Create(StopProcessingJobHandler.ActionKind, job.Arn, $"the {kind} job reads {target.Uri}, quarantined for {why}",
                        (StopProcessingJobHandler.JobNameParameter, job.Name)));
            }
            else
            {
                skipped.Add($"{kind} job {job.Name} reads {target.Uri} but QUARANTINE_STOP_JOBS=false");
            }
        }
        if (facts.EvidenceVersionId is { } evidence && !facts.SourceExists)
        {
            skipped.Add($"{target.Display} was already quarantined (evidence version {evidence}); nothing left to move");
        }
        var jobs = policy.StopJobs && readers.Count > 0 ? $" and stopped {readers.Count} job{(readers.Count == 1 ? "" : "s")}" : "";
        var wouldJobs = policy.StopJobs && readers.Count > 0 ? $" and stop {readers.Count} job{(readers.Count == 1 ? "" : "s")}" : "";
        return new Plan(actions, skipped, new Headline($"Quarantined {target.Uri}{jobs}", $"Would quarantine {target.Uri}{wouldJobs}"));
    }

    /// <summary>True when a job input URI (a prefix, or an object) covers the object.</summary>
    public static bool Reads(string inputUri, QuarantineTarget target)
    {
        ArgumentNullException.ThrowIfNull(inputUri);
        ArgumentNullException.ThrowIfNull(target);
        return target.Uri.StartsWith(inputUri, StringComparison.Ordinal);
    }

    private static string? ReportOnlyReason(QuarantineTarget target, QuarantineFactsSnapshot facts, QuarantinePolicy policy)
    {
        if (target.Bucket == policy.QuarantineBucket)
        {
            return $"{target.Uri} is in the quarantine bucket itself; it is never moved";
        }
        if (target.IsSensitiveData && !policy.QuarantineMacieFindings)
        {
            return "Macie sensitive-data findings are reported only (set the QuarantineMacieFindings parameter to quarantine them)";
        }
        if (ArnPattern.FirstMatch(policy.ExemptBucketPatterns, target.Bucket) is { } pattern)
        {
            return $"bucket {target.Bucket} is exempt by pattern {pattern} (QUARANTINE_EXEMPT_BUCKETS)";
        }
        if (facts.BucketTags.TryGetValue(RemediationSettings.ExemptTagKey, out var exempt) && string.Equals(exempt, "true", StringComparison.OrdinalIgnoreCase))
        {
            return $"bucket {target.Bucket} carries the tag {RemediationSettings.ExemptTagKey}=true";
        }
        if (!facts.SourceExists && facts.EvidenceVersionId is null)
        {
            return $"{target.Display} is already gone from the source and no quarantine copy exists: nothing to quarantine";
        }
        return null;
    }
}
