using Amazon.S3;
using Amazon.S3.Model;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Aws.SageMaker;

namespace Remediation.Core.Guardrails;

/// <summary>
/// Tags by ARN for the resources we can tag-check: IAM users and roles, S3 objects and buckets, and (when a SageMaker
/// client is given) SageMaker jobs and notebook instances.
/// A resource that does not exist has no tags (the write that follows will report NoSuchEntity itself).
/// </summary>
public sealed class AwsTagLookup(IIam iam, IAmazonS3 s3, ISageMaker? sageMaker = null) : ITagLookup
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string arn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(arn);
        try
        {
            return IamArnName(arn, ":user/") is { } user ? await iam.ListUserTagsAsync(user, ct)
                : IamArnName(arn, ":role/") is { } role ? await iam.ListRoleTagsAsync(role, ct)
                : arn.StartsWith("arn:aws:s3:::", StringComparison.Ordinal) ? await S3TagsAsync(arn["arn:aws:s3:::".Length..], ct)
                : sageMaker is not null && IsSageMakerArn(arn) ? await sageMaker.ListTagsAsync(arn, ct)
                : None;
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            return None;
        }
        // SageMaker answers an unknown resource with ValidationException, not a not-found code (docs/aws-reference.md §B4).
        catch (AwsServiceException e) when (e.Service == "sagemaker" && e.ErrorCode == AwsErrorCodes.ValidationException)
        {
            return None;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return None;
        }
    }

    /// <summary>arn:&lt;partition&gt;:sagemaker:&lt;region&gt;:&lt;account&gt;:&lt;type&gt;/&lt;name&gt;.</summary>
    private static bool IsSageMakerArn(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "sagemaker" && parts[5].Contains('/', StringComparison.Ordinal);
    }

    /// <summary>The last path segment of an IAM user/role ARN (names cannot contain '/').</summary>
    private static string? IamArnName(string arn, string marker)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || !arn.Contains(":iam::", StringComparison.Ordinal))
        {
            return null;
        }
        var at = arn.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var path = arn[(at + marker.Length)..];
        var slash = path.LastIndexOf('/');
        return slash >= 0 ? path[(slash + 1)..] : path;
    }

    private async Task<IReadOnlyDictionary<string, string>> S3TagsAsync(string bucketAndKey, CancellationToken ct)
    {
        var slash = bucketAndKey.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            var bucketTags = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucketAndKey }, ct);
            return (bucketTags.TagSet ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        }
        var objectTags = await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest
        {
            BucketName = bucketAndKey[..slash],
            Key = bucketAndKey[(slash + 1)..],
        }, ct);
        return (objectTags.Tagging ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }
}
