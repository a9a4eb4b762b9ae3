namespace Remediation.Actions.S3Quarantine;

/// <summary>The action kinds of the S3 quarantine, and the parameter names their planned actions carry.</summary>
public static class QuarantineKinds
{
    /// <summary>Copy one exact object version into the quarantine bucket and verify size and SHA-256.</summary>
    public const string CopyToQuarantine = "s3:CopyObjectToQuarantine";
    /// <summary>Put a legal hold on the evidence copy.</summary>
    public const string LegalHold = "s3:PutObjectLegalHold";
    /// <summary>Delete the exact version from the source bucket, only once a verified, held copy exists.</summary>
    public const string DeleteSourceVersion = "s3:DeleteObjectVersion";
    /// <summary>Rollback: copy the evidence back to the original key as a new version (the evidence stays).</summary>
    public const string RestoreFromQuarantine = "s3:RestoreObjectFromQuarantine";
}

/// <summary>Parameter names of the quarantine actions.</summary>
public static class QuarantineParameters
{
    /// <summary>Source bucket.</summary>
    public const string Bucket = "bucket";
    /// <summary>Source key.</summary>
    public const string Key = "key";
    /// <summary>Source version id; <see cref="NullVersion"/> for an unversioned object.</summary>
    public const string VersionId = "versionId";
    /// <summary>The ETag the event named (may be empty): an unversioned object is only moved while it still has it.</summary>
    public const string ETag = "eTag";
    /// <summary>The quarantine bucket.</summary>
    public const string QuarantineBucket = "quarantineBucket";
    /// <summary>The evidence key, "&lt;source-bucket&gt;/&lt;key&gt;".</summary>
    public const string QuarantineKey = "quarantineKey";
    /// <summary>The evidence version id (restore only).</summary>
    public const string QuarantineVersionId = "quarantineVersionId";
    /// <summary>The finding id, recorded on the evidence.</summary>
    public const string FindingId = "findingId";
    /// <summary>The KMS key the evidence is encrypted with.</summary>
    public const string KmsKeyId = "kmsKeyId";
    /// <summary>Objects larger than this are copied with UploadPartCopy.</summary>
    public const string MultipartThresholdBytes = "multipartThresholdBytes";

    /// <summary>S3's version id of an object written while versioning was off.</summary>
    public const string NullVersion = "null";
}
