using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Remediation.Actions.Iam;
using Amazon.S3;
using Amazon.S3.Model;
using Remediation.Actions.Kms;

namespace Remediation.Tool.Local;

/// <summary>
/// The stack's own resources at an endpoint (topic, ledger table, topic key), created when missing,
/// and the physical ids template.yaml's !Ref/!GetAtt resolve to.
/// </summary>
internal sealed record LocalStack(string AccountId, string Region, string TopicArn, string LedgerTable, string KeyId)
{
    /// <summary>The stack's deny-all managed policy (template.yaml DenyAllPolicy), which RevokeIamPermissions attaches.</summary>
    public string DenyAllPolicyArn { get; init; } = $"arn:aws:iam::{AccountId}:policy/{DenyAllPolicyName}";

    public const string DenyAllPolicyName = StackName + "-deny-all";
    /// <summary>The Object Lock quarantine bucket (template: QuarantineBucket).</summary>
    public string QuarantineBucket { get; init; } = "";

    /// <summary>The key the evidence is encrypted with (template: QuarantineKey).</summary>
    public string QuarantineKeyId { get; init; } = "";

    public const string StackName = "remediation";
    public const string TopicName = StackName + "-alerts";
    public const string TableName = StackName + "-ledger";
    private const string KeyAlias = "alias/" + StackName + "-alerts";
    private const string QuarantineKeyAlias = "alias/" + StackName + "-quarantine";

    public static async Task<LocalStack> EnsureAsync(AwsClientFactory aws, string accountId, CancellationToken ct)
    {
        var topicArn = await aws.Sns.CreateTopicAsync(TopicName, ct);
        await EnsureTableAsync(aws.DynamoDb, ct);
        var keyId = await EnsureKeyAsync(aws.Kms(), KeyAlias, "Remediation alerts topic key (drill)", ct);
        var quarantineKeyId = await EnsureKeyAsync(aws.Kms(), QuarantineKeyAlias, "Remediation quarantine evidence key (drill)", ct);
        var quarantineBucket = $"{StackName}-quarantine-{accountId}";
        await EnsureQuarantineBucketAsync(aws.S3, quarantineBucket, quarantineKeyId, ct);
        return new LocalStack(accountId, aws.Region, topicArn, TableName, keyId) { QuarantineBucket = quarantineBucket, QuarantineKeyId = quarantineKeyId,
            DenyAllPolicyArn = await EnsureDenyAllPolicyAsync(aws, accountId, ct),
        };
    }

    /// <summary>Physical ids for !Ref: created resources get theirs, others a stable stand-in named after the logical id.</summary>
    public IReadOnlyDictionary<string, string> Refs(IEnumerable<string> logicalIds)
    {
        var refs = logicalIds.ToDictionary(id => id, id => $"{StackName}-{id}", StringComparer.Ordinal);
        refs["AlertsTopic"] = TopicArn;
        refs["LedgerTable"] = LedgerTable;
        refs["AlertsKey"] = KeyId;
        refs["DenyAllPolicy"] = DenyAllPolicyArn;
        refs["QuarantineBucket"] = QuarantineBucket;
        refs["QuarantineKey"] = QuarantineKeyId;
        return refs;
    }

    /// <summary>Values for !GetAtt Resource.Attribute.</summary>
    public IReadOnlyDictionary<string, string> Attributes(IEnumerable<string> logicalIds)
    {
        var attrs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in logicalIds)
        {
            attrs[id + ".Arn"] = $"arn:aws:local:{Region}:{AccountId}:{StackName}-{id}";
            attrs[id + ".QueueName"] = $"{StackName}-{id}";
        }
        attrs["LedgerTable.Arn"] = $"arn:aws:dynamodb:{Region}:{AccountId}:table/{LedgerTable}";
        attrs["AlertsKey.Arn"] = $"arn:aws:kms:{Region}:{AccountId}:key/{KeyId}";
        attrs["QuarantineKey.Arn"] = $"arn:aws:kms:{Region}:{AccountId}:key/{QuarantineKeyId}";
        attrs["QuarantineBucket.Arn"] = $"arn:aws:s3:::{QuarantineBucket}";
        return attrs;
    }

    private static async Task<string> EnsureDenyAllPolicyAsync(AwsClientFactory aws, string accountId, CancellationToken ct)
    {
        try
        {
            return await aws.Iam.CreatePolicyAsync(DenyAllPolicyName, "/", IamPolicyDocuments.DenyAll(),
                "Attached by RevokeIamPermissions to contain a compromised or escalating IAM user (drill).", ct);
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.EntityAlreadyExists)
        {
            return $"arn:aws:iam::{accountId}:policy/{DenyAllPolicyName}";
        }
    }

    private static async Task EnsureTableAsync(IAmazonDynamoDB dynamo, CancellationToken ct)
    {
        try
        {
            await dynamo.DescribeTableAsync(TableName, ct);
        }
        catch (ResourceNotFoundException)
        {
            await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = TableName,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            }, ct);
        }
    }

    internal static async Task<string> EnsureKeyAsync(IAmazonKeyManagementService kms, string alias, string description, CancellationToken ct)
    {
        try
        {
            var existing = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = alias }, ct);
            return existing.KeyMetadata.KeyId;
        }
        catch (NotFoundException)
        {
            var created = await kms.CreateKeyAsync(new CreateKeyRequest { Description = description }, ct);
            await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = alias, TargetKeyId = created.KeyMetadata.KeyId }, ct);
            return created.KeyMetadata.KeyId;
        }
    }

    /// <summary>The quarantine bucket as template.yaml describes it: Object Lock (hence versioning), SSE-KMS, public access blocked.</summary>
    internal static async Task EnsureQuarantineBucketAsync(IAmazonS3 s3, string bucket, string keyId, CancellationToken ct)
    {
        try
        {
            await s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket }, ct);
            return;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is AwsErrorCodes.NoSuchBucket || e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectLockEnabledForBucket = true }, ct);
        await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules =
                [
                    new ServerSideEncryptionRule
                    {
                        ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
                        {
                            ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS,
                            ServerSideEncryptionKeyManagementServiceKeyId = keyId,
                        },
                        BucketKeyEnabled = true,
                    },
                ],
            },
        }, ct);
        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true,
                BlockPublicPolicy = true,
                IgnorePublicAcls = true,
                RestrictPublicBuckets = true,
            },
        }, ct);
    }
}
