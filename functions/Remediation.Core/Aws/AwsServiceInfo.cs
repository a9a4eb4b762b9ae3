namespace Remediation.Core.Aws;

/// <summary>
/// What the product needs to know about one AWS service to reach it: the SDKs' service id (which names the
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt; variable), the SigV4 signing name and the endpoint host prefix (docs/aws-reference.md §B6).
/// </summary>
/// <param name="ServiceId">The SDKs' service id, e.g. "IAM", "SageMaker", "DynamoDB".</param>
/// <param name="SigningName">The SigV4 signing name, e.g. "sagemaker" (not "api.sagemaker").</param>
/// <param name="EndpointPrefix">The host prefix, e.g. "api.sagemaker".</param>
/// <param name="IsGlobal">True for partition-global services (IAM), signed in the partition's home region.</param>
public sealed record AwsServiceInfo(string ServiceId, string SigningName, string EndpointPrefix, bool IsGlobal = false)
{
    /// <summary>IAM: global, host iam.amazonaws.com, signed for us-east-1.</summary>
    public static readonly AwsServiceInfo Iam = new("IAM", "iam", "iam", IsGlobal: true);
    /// <summary>SNS.</summary>
    public static readonly AwsServiceInfo Sns = new("SNS", "sns", "sns");
    /// <summary>SageMaker control plane.</summary>
    public static readonly AwsServiceInfo SageMaker = new("SageMaker", "sagemaker", "api.sagemaker");
    /// <summary>DynamoDB.</summary>
    public static readonly AwsServiceInfo DynamoDb = new("DynamoDB", "dynamodb", "dynamodb");
    /// <summary>S3.</summary>
    public static readonly AwsServiceInfo S3 = new("S3", "s3", "s3");
    /// <summary>KMS.</summary>
    public static readonly AwsServiceInfo Kms = new("KMS", "kms", "kms");
    /// <summary>STS, at the regional endpoint (the SDKs' default since 2022; the global one is a single region).</summary>
    public static readonly AwsServiceInfo Sts = new("STS", "sts", "sts");
    /// <summary>EC2 (instances, network interfaces, security groups, snapshots).</summary>
    public static readonly AwsServiceInfo Ec2 = new("EC2", "ec2", "ec2");
    /// <summary>EC2 Auto Scaling (Query protocol, version 2011-01-01).</summary>
    public static readonly AwsServiceInfo AutoScaling = new("Auto Scaling", "autoscaling", "autoscaling");
    /// <summary>Systems Manager (Parameter Store).</summary>
    public static readonly AwsServiceInfo Ssm = new("SSM", "ssm", "ssm");

    /// <summary>The service's endpoint variable: the service id upper-cased, spaces replaced by underscores.</summary>
    public string EndpointVariable => "AWS_ENDPOINT_URL_" + ServiceId.ToUpperInvariant().Replace(' ', '_');
}
