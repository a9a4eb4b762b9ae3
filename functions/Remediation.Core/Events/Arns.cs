namespace Remediation.Core.Events;

/// <summary>ARNs the events do not carry but the functions need.</summary>
internal static class Arns
{
    public static string PartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    // GuardDuty names users and roles without their IAM path; the path-less ARN is the best we know.
    public static string IamUser(string partition, string account, string name) => $"arn:{partition}:iam::{account}:user/{name}";

    public static string IamRole(string partition, string account, string name) => $"arn:{partition}:iam::{account}:role/{name}";

    public static string Root(string partition, string account) => $"arn:{partition}:iam::{account}:root";

    public static string S3Bucket(string partition, string bucket) => $"arn:{partition}:s3:::{bucket}";

    public static string S3Object(string partition, string bucket, string key) => $"arn:{partition}:s3:::{bucket}/{key}";

    /// <summary>arn:aws:ec2:region:account:instance/i-….</summary>
    public static string Ec2Instance(string partition, string region, string account, string instanceId) =>
        $"arn:{partition}:ec2:{region}:{account}:instance/{instanceId}";

    public static string KmsKey(string partition, string region, string account, string keyId) =>
        $"arn:{partition}:kms:{region}:{account}:key/{keyId}";
}
