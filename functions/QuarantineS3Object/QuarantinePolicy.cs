using Remediation.Actions.S3Quarantine;
using Remediation.Core.Configuration;

namespace Remediation.QuarantineS3Object;

/// <summary>QuarantineS3Object's own settings (template.yaml sets them; the README documents them).</summary>
public sealed record QuarantinePolicy
{
    /// <summary>QUARANTINE_BUCKET: the stack's Object Lock quarantine bucket.</summary>
    public required string QuarantineBucket { get; init; }
    /// <summary>QUARANTINE_KMS_KEY_ARN: the stack key the evidence is encrypted with (empty: the bucket default).</summary>
    public string? KmsKeyId { get; init; }
    /// <summary>QUARANTINE_EXEMPT_BUCKETS: comma-separated bucket-name globs never quarantined from.</summary>
    public IReadOnlyList<string> ExemptBucketPatterns { get; init; } = [];
    /// <summary>QUARANTINE_MACIE_FINDINGS: quarantine objects Macie finds sensitive data in (default false: notify only).</summary>
    public bool QuarantineMacieFindings { get; init; }
    /// <summary>QUARANTINE_MULTIPART_THRESHOLD_BYTES: above this, UploadPartCopy is used (default and maximum 5 GiB).</summary>
    public long MultipartThresholdBytes { get; init; } = VersionCopier.DefaultMultipartThreshold;
    /// <summary>QUARANTINE_STOP_JOBS: stop in-progress SageMaker jobs reading the object (default true).</summary>
    public bool StopJobs { get; init; } = true;

    /// <summary>Reads and validates the variables; errors name the variable.</summary>
    public static QuarantinePolicy Load(EnvironmentReader env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return new QuarantinePolicy
        {
            QuarantineBucket = env.Required("QUARANTINE_BUCKET"),
            KmsKeyId = env.Optional("QUARANTINE_KMS_KEY_ARN"),
            ExemptBucketPatterns = env.List("QUARANTINE_EXEMPT_BUCKETS"),
            QuarantineMacieFindings = env.Flag("QUARANTINE_MACIE_FINDINGS", false),
            // 5 MiB is S3's smallest part; 5 GiB its largest CopyObject.
            MultipartThresholdBytes = (long)env.Number("QUARANTINE_MULTIPART_THRESHOLD_BYTES", VersionCopier.DefaultMultipartThreshold, 5 * 1024 * 1024, VersionCopier.DefaultMultipartThreshold),
            StopJobs = env.Flag("QUARANTINE_STOP_JOBS", true),
        };
    }
}
