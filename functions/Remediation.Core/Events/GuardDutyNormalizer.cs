using System.Text.Json;

namespace Remediation.Core.Events;

/// <summary>"GuardDuty Finding" → <see cref="Finding"/> (docs/aws-reference.md §A1).</summary>
internal static class GuardDutyNormalizer
{
    public static Finding Normalize(EnvelopeFacts envelope, GuardDutyFindingDetail detail)
    {
        var id = Required.String(detail.Id, "detail.id");
        var type = Required.String(detail.Type, "detail.type");
        var severity = Required.Value(detail.Severity, "detail.severity");
        // GuardDuty scores 1.0 to 10 (Findings, severity levels); 1e400 reads as infinity and is no score at all.
        if (!double.IsFinite(severity) || severity is < 0 or > 10)
        {
            throw InvalidEventException.WrongType("detail.severity", "a number from 0 to 10", severity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var resource = Required.Object(detail.Resource, "detail.resource");
        var account = detail.AccountId ?? envelope.Account;
        var region = detail.Region ?? envelope.Region;
        var partition = detail.Partition ?? Arns.PartitionOf(region);

        var principal = GuardDutyPrincipal(resource, account, partition);
        return new Finding(
            FindingSource.GuardDuty,
            envelope.Id,
            id,
            "guardduty:" + id,
            type,
            detail.Title ?? type,
            new Severity(severity),
            account,
            region,
            EventTimes.Or(detail.UpdatedAt, envelope.Time),
            IsSample(detail.Service?.AdditionalInfo ?? default),
            principal,
            GuardDutyResource(resource, detail.Service, new ResourcePlace(partition, region, account)),
            ApiCall: null,
            Compliance: null,
            ObjectScan(type, resource, detail.Service?.MalwareScanDetails ?? default),
            envelope.Detail)
        {
            Republished = detail.Service?.Count is { ValueKind: JsonValueKind.Number } count && count.TryGetInt64(out var n) && n > 1,
        };
    }

    /// <summary>
    /// Object:S3/MaliciousFile (Malware Protection for S3 with a detector) names the scanned object version in
    /// s3BucketDetails[0].s3ObjectDetails[0] and the threats in service.malwareScanDetails.threats[].name; it is the same
    /// fact as a THREATS_FOUND scan result, so it gets the same <see cref="MalwareScan"/>.
    /// </summary>
    private static MalwareScan? ObjectScan(string type, GuardDutyResource resource, JsonElement malwareScanDetails)
    {
        // resourceType "S3Object" is what the API model lists; the type check keeps the object if a finding says "S3Bucket".
        var isObjectFinding = resource.ResourceType == "S3Object" || type.StartsWith("Object:S3/", StringComparison.Ordinal);
        if (!isObjectFinding || resource.S3BucketDetails is not [{ Name: { } bucket, S3ObjectDetails: [{ Key: { } key } obj, ..] }, ..])
        {
            return null;
        }
        var threats = new List<string>();
        if (RawJson.TryGetMember(malwareScanDetails, "threats", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            threats.AddRange(list.EnumerateArray().Select(t => RawJson.StringMember(t, "name")).OfType<string>());
        }
        return new MalwareScan(bucket, key, obj.VersionId, obj.ETag, "COMPLETED", "THREATS_FOUND", threats);
    }

    /// <summary>
    /// Sample findings carry additionalInfo.sample = true (docs/aws-reference.md §0.3). Only a JSON true counts; the API's
    /// {"value": "&lt;json&gt;", "type": "default"} form is unwrapped first.
    /// </summary>
    private static bool IsSample(JsonElement additionalInfo)
    {
        if (RawJson.TryGetMember(additionalInfo, "sample", out var sample))
        {
            return sample.ValueKind == JsonValueKind.True;
        }

        if (RawJson.StringMember(additionalInfo, "value") is { } wrapped)
        {
            try
            {
                using var document = JsonDocument.Parse(wrapped);
                return RawJson.TryGetMember(document.RootElement, "sample", out var inner) && inner.ValueKind == JsonValueKind.True;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        return false;
    }

    private static Principal? GuardDutyPrincipal(GuardDutyResource resource, string account, string partition)
    {
        const string Path = "detail.resource.accessKeyDetails";
        var details = resource.AccessKeyDetails;
        if (details is null)
        {
            // An AccessKey finding is about the key's identity; other resource types may name none.
            return resource.ResourceType == "AccessKey" ? throw InvalidEventException.Missing(Path) : null;
        }

        var kind = Required.String(details.UserType, Path + ".userType") switch
        {
            "IAMUser" => PrincipalKind.IamUser,
            "AssumedRole" => PrincipalKind.AssumedRole,
            "Root" => PrincipalKind.Root,
            "FederatedUser" => PrincipalKind.Federated,
            _ => PrincipalKind.Unknown,
        };

        // For AssumedRole, userName is the role name (docs/aws-reference.md §0.4).
        var name = kind is PrincipalKind.IamUser or PrincipalKind.AssumedRole
            ? Required.String(details.UserName, Path + ".userName")
            : details.UserName;
        var arn = (kind, name) switch
        {
            (PrincipalKind.IamUser, { } user) => Arns.IamUser(partition, account, user),
            (PrincipalKind.AssumedRole, { } role) => Arns.IamRole(partition, account, role),
            (PrincipalKind.Root, _) => Arns.Root(partition, account),
            _ => null,
        };
        return new Principal(kind, account, name, arn, details.PrincipalId, SessionName(kind, details.PrincipalId), NonEmpty(details.AccessKeyId));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // principalId is "AROA…:<session>"; EC2 instance roles use the instance id as the session (docs/aws-reference.md §0.4).
    private static string? SessionName(PrincipalKind kind, string? principalId) =>
        kind is PrincipalKind.AssumedRole or PrincipalKind.Federated && principalId?.IndexOf(':', StringComparison.Ordinal) is >= 0 and var colon
            ? principalId[(colon + 1)..]
            : null;

    private sealed record ResourcePlace(string Partition, string Region, string Account);

    private static ResourceRef? GuardDutyResource(GuardDutyResource resource, GuardDutyService? service, ResourcePlace place)
    {
        var (apiCall, partition) = (service?.Action?.AwsApiCallAction, place.Partition);
        const string Path = "detail.resource";
        var resourceType = Required.String(resource.ResourceType, Path + ".resourceType");
        var bucket = resource.S3BucketDetails is [{ } first, ..] ? first : null;
        return resourceType switch
        {
            // accessKeyId is optional in GuardDuty's API (AccessKeyDetails): without it the finding still names the user.
            "AccessKey" => new ResourceRef(
                ResourceKind.AccessKey,
                NonEmpty(resource.AccessKeyDetails?.AccessKeyId) ?? Required.String(resource.AccessKeyDetails?.UserName, Path + ".accessKeyDetails.userName"),
                Arn: null,
                ResourceAttributes.Of(("userName", resource.AccessKeyDetails?.UserName), ("userType", resource.AccessKeyDetails?.UserType))),
            "S3Bucket" => BucketResource(bucket, apiCall, partition, Path),
            "Instance" when NonEmpty(resource.InstanceDetails?.InstanceId) is { } instanceId => new ResourceRef(
                ResourceKind.Ec2Instance,
                instanceId,
                Arns.Ec2Instance(partition, place.Region, place.Account, instanceId),
                ResourceAttributes.Of(("awsType", resourceType), ("resourceRole", service?.ResourceRole))),
            "S3Object" when bucket?.Name is { } name && bucket.S3ObjectDetails is [{ Key: { } key } objectDetails, ..] => new ResourceRef(
                ResourceKind.S3Object,
                name + "/" + key,
                Arns.S3Object(partition, name, key),
                ResourceAttributes.Of(("bucket", name), ("key", key), ("versionId", objectDetails.VersionId), ("eTag", objectDetails.ETag))),
            _ => new ResourceRef(
                ResourceKind.Other,
                resource.InstanceDetails?.InstanceId ?? Named(resource) ?? bucket?.Name ?? resourceType,
                RawJson.StringMember(resource.LambdaDetails, "functionArn") ?? RawJson.StringMember(resource.RdsDbInstanceDetails, "dbInstanceArn")
                    ?? RawJson.StringMember(resource.EksClusterDetails, "arn") ?? RawJson.StringMember(resource.EcsClusterDetails, "arn") ?? bucket?.Arn,
                ResourceAttributes.Of(("awsType", resourceType))),
        };
    }

    /// <summary>The function, database or cluster a Lambda, RDS, EKS or ECS finding is about.</summary>
    private static string? Named(GuardDutyResource resource) =>
        RawJson.StringMember(resource.LambdaDetails, "functionName")
        ?? RawJson.StringMember(resource.RdsDbInstanceDetails, "dbInstanceIdentifier")
        ?? RawJson.StringMember(resource.EksClusterDetails, "name")
        ?? RawJson.StringMember(resource.EcsClusterDetails, "name");

    // Real S3 findings fill s3BucketDetails; generated samples only name the bucket in affectedResources (docs/aws-reference.md §A1.d).
    private static ResourceRef BucketResource(GuardDutyS3BucketDetails? bucket, GuardDutyAwsApiCallAction? apiCall, string partition, string path)
    {
        var name = bucket?.Name
            ?? RawJson.StringMember(apiCall?.AffectedResources ?? default, "AWS::S3::Bucket")
            ?? throw InvalidEventException.Missing(path + ".s3BucketDetails[0].name");
        return new ResourceRef(ResourceKind.S3Bucket, name, bucket?.Arn ?? Arns.S3Bucket(partition, name),
            ResourceAttributes.Of(("bucket", name), ("bucketType", bucket?.Type)));
    }
}
