namespace Remediation.IntegrationTests.Permissions;

/// <summary>What the stack's account looks like to the proof: ids, the stack's keys, and IAM facts per principal.</summary>
public sealed record ProofAccount(
    string AccountId,
    string Region,
    string TopicArn,
    string AlertsKeyArn,
    string QuarantineBucket,
    string QuarantineKeyArn,
    IReadOnlyDictionary<string, string> KeyAliases,
    Func<string, string, (string Path, IReadOnlyDictionary<string, string> Tags)> Principal)
{
    /// <summary>The tags of a security group the calls name, read after the run (none when it is gone).</summary>
    public Func<string, IReadOnlyDictionary<string, string>> GroupTags { get; init; } = _ => new Dictionary<string, string>();

    /// <summary>The user that owns an access key the calls name (GetAccessKeyLastUsed), read after the run; null when none does.</summary>
    public Func<string, string?> KeyOwner { get; init; } = _ => null;
}

/// <summary>
/// The IAM requests behind each AWS call, by the Service Authorization Reference (action names, resource types,
/// condition keys), including the KMS requests that SNS, S3 and SSM make with the caller's permissions:
/// SNS Publish to a topic with SSE needs kms:GenerateDataKey and kms:Decrypt on its key (SNS Developer Guide, "Key
/// management"); S3 reads of SSE-KMS objects need kms:Decrypt, writes kms:GenerateDataKey, multipart uploads both
/// (S3 User Guide, "Using server-side encryption with AWS KMS keys"); SSM SecureString PutParameter needs kms:Encrypt
/// (Systems Manager User Guide, "How Parameter Store uses AWS KMS"). A call it cannot map fails the proof.
/// </summary>
public static partial class CallPermissions
{
    public static IReadOnlyList<AccessRequest> For(RecordedCall call, ProofAccount account)
    {
        ArgumentNullException.ThrowIfNull(call);
        var p = call.Parameters;
        return call.Service switch
        {
            "iam" => Iam(call.Operation, p, account),
            "sns" => Sns(call.Operation, p, account),
            "dynamodb" => DynamoDb(call.Operation, p, account),
            "sagemaker" => SageMaker(call.Operation, p, account),
            "kms" => [Request("kms:" + call.Operation, KeyArn(Str(p, "KeyId") ?? "*", account))],
            "ssm" => Ssm(call.Operation, p, account),
            "ec2" => Ec2(call.Operation, p, account),
            "autoscaling" => AutoScaling(call.Operation, p, account),
            "s3" => S3(call, account),
            "sts" when call.Operation == "GetCallerIdentity" => [], // needs no permission (STS API Reference)
            // The role is the resource; aws:ResourceAccount is the role's account (the central roles' condition).
            "sts" when call.Operation == "AssumeRole" && Str(p, "RoleArn") is { } role =>
                [Request("sts:AssumeRole", role, ("aws:ResourceAccount", role.Split(':')[4]))],
            _ => throw new NotSupportedException($"the permission proof cannot map {call.Service}:{call.Operation}; add it to CallPermissions"),
        };
    }

    private static AccessRequest Request(string action, string resource, params (string Key, string Value)[] context) =>
        new(action, resource, context.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray(), StringComparer.Ordinal));

    private static string? Str(JsonElement p, string name) =>
        p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IReadOnlyList<AccessRequest> Iam(string op, JsonElement p, ProofAccount a)
    {
        var prefix = $"arn:aws:iam::{a.AccountId}:";
        var context = new List<(string, string)>();
        string resource;
        // The Service Authorization Reference lists the group as the resource of AddUserToGroup and RemoveUserFromGroup.
        if (op is "AddUserToGroup" or "RemoveUserFromGroup" && Str(p, "GroupName") is { } memberOf)
        {
            resource = $"{prefix}group/{memberOf}";
        }
        // Its resource is the user that owns the key, which the request names only by the key (resource type user).
        else if (op == "GetAccessKeyLastUsed" && Str(p, "AccessKeyId") is { } keyId)
        {
            var owner = a.KeyOwner(keyId) ?? "unknown-owner";
            var (path, tags) = a.Principal("user", owner);
            resource = $"{prefix}user{path}{owner}";
            context.AddRange(tags.Select(t => ("aws:ResourceTag/" + t.Key, t.Value)));
        }
        else if (Str(p, "UserName") is { } user)
        {
            var (path, tags) = a.Principal("user", user);
            resource = $"{prefix}user{path}{user}";
            context.AddRange(tags.Select(t => ("aws:ResourceTag/" + t.Key, t.Value)));
        }
        else if (Str(p, "RoleName") is { } role)
        {
            var (path, tags) = a.Principal("role", role);
            resource = $"{prefix}role{path}{role}";
            context.AddRange(tags.Select(t => ("aws:ResourceTag/" + t.Key, t.Value)));
        }
        else if (Str(p, "InstanceProfileName") is { } profile)
        {
            resource = $"{prefix}instance-profile/{profile}";
        }
        else if (Str(p, "GroupName") is { } group)
        {
            resource = $"{prefix}group/{group}";
        }
        else if (op == "CreatePolicy")
        {
            resource = $"{prefix}policy{Str(p, "Path") ?? "/"}{Str(p, "PolicyName")}";
        }
        else if (Str(p, "PolicyArn") is { } policy)
        {
            resource = policy;
        }
        else
        {
            resource = "*";
        }
        if (Str(p, "PolicyArn") is { } attached && (op.StartsWith("Attach", StringComparison.Ordinal) || op.StartsWith("Detach", StringComparison.Ordinal)))
        {
            context.Add(("iam:PolicyARN", attached));
        }
        return [Request("iam:" + op, resource, [.. context])];
    }

    private static List<AccessRequest> Sns(string op, JsonElement p, ProofAccount a)
    {
        var topic = Str(p, "TopicArn") ?? Str(p, "TargetArn") ?? "*";
        var requests = new List<AccessRequest> { Request("sns:" + op, topic) };
        if (op == "Publish" && topic == a.TopicArn)
        {
            // The deployed topic has SSE with AlertsKey (template: KmsMasterKeyId).
            var via = ("kms:ViaService", $"sns.{a.Region}.amazonaws.com");
            requests.Add(Request("kms:GenerateDataKey", a.AlertsKeyArn, via));
            requests.Add(Request("kms:Decrypt", a.AlertsKeyArn, via));
        }
        return requests;
    }

    private static IReadOnlyList<AccessRequest> DynamoDb(string op, JsonElement p, ProofAccount a)
    {
        string Table(string name) => $"arn:aws:dynamodb:{a.Region}:{a.AccountId}:table/{name}";
        if (op == "TransactWriteItems")
        {
            return [.. p.GetProperty("TransactItems").EnumerateArray().SelectMany(item => item.EnumerateObject()).Select(kind => Request(
                "dynamodb:" + (kind.Name == "ConditionCheck" ? "ConditionCheckItem" : kind.Name + "Item"), Table(kind.Value.GetProperty("TableName").GetString()!)))];
        }
        if (op is "BatchWriteItem" or "BatchGetItem")
        {
            return [.. p.GetProperty("RequestItems").EnumerateObject().Select(t => Request("dynamodb:" + op, Table(t.Name)))];
        }
        return [Request("dynamodb:" + op, Str(p, "TableName") is { } name ? Table(name) : "*")];
    }

    private static IReadOnlyList<AccessRequest> SageMaker(string op, JsonElement p, ProofAccount a)
    {
        var prefix = $"arn:aws:sagemaker:{a.Region}:{a.AccountId}:";
        // SageMaker resource ARNs carry the name in lower case.
        var resource = Str(p, "TrainingJobName") is { } t ? prefix + "training-job/" + t.ToLowerInvariant()
            : Str(p, "ProcessingJobName") is { } j ? prefix + "processing-job/" + j.ToLowerInvariant()
            : Str(p, "NotebookInstanceName") is { } n ? prefix + "notebook-instance/" + n.ToLowerInvariant()
            : Str(p, "ResourceArn") is { } arn ? arn
            : "*";
        return [Request("sagemaker:" + op, resource)];
    }

    private static List<AccessRequest> Ssm(string op, JsonElement p, ProofAccount a)
    {
        var name = Str(p, "Name");
        var resource = name is null ? "*" : $"arn:aws:ssm:{a.Region}:{a.AccountId}:parameter{(name.StartsWith('/') ? "" : "/")}{name}";
        var requests = new List<AccessRequest> { Request("ssm:" + op, resource) };
        var via = ("kms:ViaService", $"ssm.{a.Region}.amazonaws.com");
        if (op == "PutParameter" && Str(p, "Type") == "SecureString")
        {
            requests.Add(Request("kms:Encrypt", KeyArn(Str(p, "KeyId") ?? "alias/aws/ssm", a), via));
        }
        if (op is "GetParameter" or "GetParameters" && p.TryGetProperty("WithDecryption", out var d) && d.ValueKind == JsonValueKind.True)
        {
            requests.Add(Request("kms:Decrypt", KeyArn("alias/aws/ssm", a), via));
        }
        return requests;
    }

    private static AccessRequest[] S3(RecordedCall call, ProofAccount a)
    {
        var parts = call.Path.TrimStart('/').Split('/', 2);
        var bucket = parts[0];
        var key = parts.Length > 1 ? parts[1] : null;
        var versioned = Str(call.Parameters, "versionId") is { Length: > 0 };
        var owner = ("aws:ResourceAccount", a.AccountId);
        var bucketArn = "arn:aws:s3:::" + bucket;
        var objectArn = bucketArn + "/" + key;
        AccessRequest Obj(string action) => Request(action, objectArn, owner);
        AccessRequest Bucket(string action) => Request(action, bucketArn, owner);
        AccessRequest[] requests = call.Operation switch
        {
            "GetObject" or "HeadObject" => [Obj(versioned ? "s3:GetObjectVersion" : "s3:GetObject"), .. Decrypt(bucket, a)],
            "GetObjectTagging" => [Obj(versioned ? "s3:GetObjectVersionTagging" : "s3:GetObjectTagging")],
            "PutObjectTagging" => [Obj(versioned ? "s3:PutObjectVersionTagging" : "s3:PutObjectTagging")],
            "GetObjectAttributes" => [Obj(versioned ? "s3:GetObjectVersionAttributes" : "s3:GetObjectAttributes")],
            "DeleteObject" => [Obj(versioned ? "s3:DeleteObjectVersion" : "s3:DeleteObject")],
            "PutObject" => [Obj("s3:PutObject"), .. GenerateDataKey(bucket, a)],
            "CreateMultipartUpload" => [Obj("s3:PutObject"), .. GenerateDataKey(bucket, a), .. Decrypt(bucket, a)],
            "UploadPart" or "CompleteMultipartUpload" => [Obj("s3:PutObject")],
            "CopyObject" or "UploadPartCopy" => [Obj("s3:PutObject"), .. GenerateDataKey(bucket, a), .. CopySource(call.CopySource, a)],
            "AbortMultipartUpload" => [Obj("s3:AbortMultipartUpload")],
            "PutObjectLegalHold" => [Request("s3:PutObjectLegalHold", objectArn, owner, ("s3:object-lock-legal-hold", Str(call.Parameters, "LegalHoldStatus") ?? ""))],
            "GetObjectLegalHold" => [Obj("s3:GetObjectLegalHold")],
            "ListObjects" or "ListObjectsV2" or "HeadBucket" => [Bucket("s3:ListBucket")],
            "ListObjectVersions" => [Bucket("s3:ListBucketVersions")],
            "GetBucketTagging" => [Bucket("s3:GetBucketTagging")],
            "GetBucketVersioning" => [Bucket("s3:GetBucketVersioning")],
            "GetObjectLockConfiguration" => [Bucket("s3:GetBucketObjectLockConfiguration")],
            _ => throw new NotSupportedException($"the permission proof cannot map s3:{call.Operation} ({call.Path}); add it to CallPermissions"),
        };
        return requests;
    }

    private static IEnumerable<AccessRequest> CopySource(string header, ProofAccount a)
    {
        var source = Uri.UnescapeDataString(header.TrimStart('/'));
        var query = source.IndexOf("?versionId=", StringComparison.Ordinal);
        var path = query >= 0 ? source[..query] : source;
        var bucket = path.Split('/', 2)[0];
        yield return Request(query >= 0 ? "s3:GetObjectVersion" : "s3:GetObject", "arn:aws:s3:::" + path, ("aws:ResourceAccount", a.AccountId));
        foreach (var decrypt in Decrypt(bucket, a))
        {
            yield return decrypt;
        }
    }

    /// <summary>
    /// Any source object may be encrypted with aws/s3 or a customer key of its account; the quarantine bucket's objects
    /// are encrypted with QuarantineKey.
    /// </summary>
    private static IEnumerable<AccessRequest> Decrypt(string bucket, ProofAccount a)
    {
        var key = bucket == a.QuarantineBucket ? a.QuarantineKeyArn : $"arn:aws:kms:{a.Region}:{a.AccountId}:key/a-source-objects-key";
        yield return Request("kms:Decrypt", key, ("kms:ViaService", $"s3.{a.Region}.amazonaws.com"));
    }

    private static IEnumerable<AccessRequest> GenerateDataKey(string bucket, ProofAccount a)
    {
        if (bucket == a.QuarantineBucket)
        {
            yield return Request("kms:GenerateDataKey", a.QuarantineKeyArn, ("kms:ViaService", $"s3.{a.Region}.amazonaws.com"));
        }
    }

    private static string KeyArn(string keyId, ProofAccount a) =>
        keyId.StartsWith("arn:aws:kms:", StringComparison.Ordinal) && keyId.Contains(":key/", StringComparison.Ordinal) ? keyId
        : a.KeyAliases.TryGetValue(keyId, out var target) ? target
        // An alias ARN names the key its alias points to (KMS Developer Guide, "Using aliases").
        : keyId.StartsWith("arn:aws:kms:", StringComparison.Ordinal) && keyId.Contains(":alias/", StringComparison.Ordinal)
            && a.KeyAliases.TryGetValue(keyId[keyId.IndexOf("alias/", StringComparison.Ordinal)..], out var aliased) ? aliased
        : keyId.StartsWith("alias/", StringComparison.Ordinal) ? $"arn:aws:kms:{a.Region}:{a.AccountId}:{keyId}"
        : keyId == "*" ? "*"
        : $"arn:aws:kms:{a.Region}:{a.AccountId}:key/{keyId}";
}
