using Amazon.S3;

namespace Remediation.Actions.S3Quarantine;

/// <summary>The S3 quarantine sequence, and its rollback-only inverse.</summary>
public static class QuarantineFamily
{
    /// <summary>Copy the exact version to the quarantine bucket, hold it, delete that version from the source.</summary>
    public static IEnumerable<IActionHandler> Handlers(IAmazonS3 s3)
    {
        var versions = new ObjectVersions(s3);
        yield return new CopyToQuarantineHandler(versions, new VersionCopier(s3));
        yield return new LegalHoldHandler(versions);
        yield return new DeleteSourceVersionHandler(versions);
    }

    /// <summary>Rollback only: put a quarantined object back into its source bucket as a new version.</summary>
    public static IEnumerable<IActionHandler> Rollback(IAmazonS3 s3)
    {
        yield return new RestoreFromQuarantineHandler(new ObjectVersions(s3), new VersionCopier(s3));
    }
}
