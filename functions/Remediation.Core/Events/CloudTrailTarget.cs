using System.Text.Json;

namespace Remediation.Core.Events;

/// <summary>The resource a CloudTrail call acts on, where the request names it plainly.</summary>
internal static class CloudTrailTarget
{
    public static ResourceRef? From(string eventSource, JsonElement request, JsonElement response, string account, string region, string partition) =>
        CloudTrailNormalizer.ServicePrefix(eventSource) switch
        {
            "iam" => Iam(request, response, account, partition),
            "sagemaker" => SageMaker(request, response),
            "s3" => S3(request, partition),
            "kms" => Kms(request, account, region, partition),
            _ => null,
        };

    // KMS calls name the key as keyId: a key id, a key ARN (an alias is not accepted by the key-management calls).
    private static ResourceRef? Kms(JsonElement request, string account, string region, string partition)
    {
        if (RequestParameters.GetString(request, "keyId") is not { Length: > 0 } keyId)
        {
            return null;
        }
        var arn = keyId.StartsWith("arn:", StringComparison.Ordinal) ? keyId : Arns.KmsKey(partition, region, account, keyId);
        var id = arn[(arn.LastIndexOf('/') + 1)..];
        return new ResourceRef(ResourceKind.KmsKey, id, arn, ResourceAttributes.Of(
            ("pendingWindowInDays", RequestParameters.GetNumberText(request, "pendingWindowInDays"))));
    }

    private static ResourceRef? Iam(JsonElement request, JsonElement response, string account, string partition)
    {
        var policyArn = RequestParameters.GetString(request, "policyArn");
        var policyName = RequestParameters.GetString(request, "policyName");
        if (RequestParameters.GetString(request, "userName") is { Length: > 0 } user)
        {
            // CreateAccessKey answers with the new key (never its secret, docs/aws-reference.md §A3).
            var newKey = RequestParameters.GetObject(response, "accessKey") is { } accessKey
                ? RequestParameters.GetString(accessKey, "accessKeyId")
                : null;
            return new ResourceRef(ResourceKind.IamUser, user, Arns.IamUser(partition, account, user), ResourceAttributes.Of(
                ("policyArn", policyArn), ("policyName", policyName),
                ("accessKeyId", newKey ?? RequestParameters.GetString(request, "accessKeyId"))));
        }

        return RequestParameters.GetString(request, "roleName") is { Length: > 0 } role
            ? new ResourceRef(ResourceKind.IamRole, role, Arns.IamRole(partition, account, role),
                ResourceAttributes.Of(("policyArn", policyArn), ("policyName", policyName)))
            : null;
    }

    private static ResourceRef? SageMaker(JsonElement request, JsonElement response)
    {
        if (RequestParameters.GetString(request, "trainingJobName") is { Length: > 0 } trainingJob)
        {
            return new ResourceRef(ResourceKind.TrainingJob, trainingJob, RequestParameters.GetString(response, "trainingJobArn"),
                ResourceAttributes.Of(("roleArn", RequestParameters.GetString(request, "roleArn"))));
        }

        return RequestParameters.GetString(request, "processingJobName") is { Length: > 0 } processingJob
            ? new ResourceRef(ResourceKind.ProcessingJob, processingJob, RequestParameters.GetString(response, "processingJobArn"),
                ResourceAttributes.Of(("roleArn", RequestParameters.GetString(request, "roleArn"))))
            : null;
    }

    private static ResourceRef? S3(JsonElement request, string partition)
    {
        if (RequestParameters.GetString(request, "bucketName") is not { Length: > 0 } bucket)
        {
            return null;
        }

        return RequestParameters.GetString(request, "key") is { Length: > 0 } key
            ? new ResourceRef(ResourceKind.S3Object, bucket + "/" + key, Arns.S3Object(partition, bucket, key), ResourceAttributes.Of(
                ("bucket", bucket), ("key", key), ("versionId", RequestParameters.GetString(request, "versionId"))))
            : new ResourceRef(ResourceKind.S3Bucket, bucket, Arns.S3Bucket(partition, bucket), ResourceAttributes.Of(("bucket", bucket)));
    }
}
