using Amazon.Runtime;

namespace Remediation.Core.Aws;

/// <summary>The error codes the code decides on, spelled once.</summary>
public static class AwsErrorCodes
{
    /// <summary>IAM: the user, role, group, policy or key does not exist.</summary>
    public const string NoSuchEntity = "NoSuchEntity";
    /// <summary>IAM: the entity exists already.</summary>
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    /// <summary>IAM: a quota (managed policies per user, keys per user) is reached.</summary>
    public const string LimitExceeded = "LimitExceeded";
    /// <summary>SageMaker (and others): the request does not apply, e.g. the job or notebook is not in a stoppable state.</summary>
    public const string ValidationException = "ValidationException";
    /// <summary>S3: no such object.</summary>
    public const string NoSuchKey = "NoSuchKey";
    /// <summary>S3: no such version of the object.</summary>
    public const string NoSuchVersion = "NoSuchVersion";
    /// <summary>S3: no such bucket.</summary>
    public const string NoSuchBucket = "NoSuchBucket";
    /// <summary>S3: the bucket has no Object Lock configuration.</summary>
    public const string NoSuchObjectLockConfiguration = "NoSuchObjectLockConfiguration";
}

/// <summary>One view of an AWS error, whichever client raised it: ours (Query/JSON) or an official SDK client.</summary>
public static class AwsErrors
{
    /// <summary>The error as an <see cref="AwsServiceException"/>, or null when the exception is not an AWS answer.</summary>
    public static AwsServiceException? AsServiceError(Exception error) => error switch
    {
        AwsServiceException ours => ours,
        AmazonServiceException sdk => new AwsServiceException(ServiceOf(sdk), sdk.ErrorCode ?? "Unknown", sdk.Message, (int)sdk.StatusCode, sdk.RequestId),
        _ => null,
    };

    // The SDK's exception types live in Amazon.<Service>[.Model]: Amazon.S3, Amazon.DynamoDBv2, Amazon.KeyManagementService.
    private static string ServiceOf(AmazonServiceException error) => error.GetType().Namespace?.Split('.') is [_, var service, ..]
        ? service switch
        {
            "DynamoDBv2" => "dynamodb",
            "KeyManagementService" => "kms",
            "SimpleSystemsManagement" => "ssm",
            "SecurityToken" => "sts",
            _ => service.ToLowerInvariant(),
        }
        : "unknown";
}
