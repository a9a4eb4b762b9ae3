using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Remediation.Core.Actions.Iam;
using Remediation.Core.Aws;

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

    public const string StackName = "remediation";
    public const string TopicName = StackName + "-alerts";
    public const string TableName = StackName + "-ledger";
    private const string KeyAlias = "alias/" + StackName + "-alerts";

    public static async Task<LocalStack> EnsureAsync(AwsClientFactory aws, string accountId, CancellationToken ct)
    {
        var topicArn = await aws.Sns.CreateTopicAsync(TopicName, ct);
        await EnsureTableAsync(aws.DynamoDb, ct);
        var keyId = await EnsureKeyAsync(aws.Kms, ct);
        return new LocalStack(accountId, aws.Region, topicArn, TableName, keyId) { DenyAllPolicyArn = await EnsureDenyAllPolicyAsync(aws, accountId, ct) };
    }

    /// <summary>Physical ids for !Ref: created resources get theirs, others a stable stand-in named after the logical id.</summary>
    public IReadOnlyDictionary<string, string> Refs(IEnumerable<string> logicalIds)
    {
        var refs = logicalIds.ToDictionary(id => id, id => $"{StackName}-{id}", StringComparer.Ordinal);
        refs["AlertsTopic"] = TopicArn;
        refs["LedgerTable"] = LedgerTable;
        refs["AlertsKey"] = KeyId;
        refs["DenyAllPolicy"] = DenyAllPolicyArn;
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
        return attrs;
    }

    private static async Task<string> EnsureDenyAllPolicyAsync(AwsClientFactory aws, string accountId, CancellationToken ct)
    {
        try
        {
            return await aws.Iam.CreatePolicyAsync(DenyAllPolicyName, "/", IamPolicyDocuments.DenyAll(),
                "Attached by RevokeIamPermissions to contain a compromised or escalating IAM user (drill).", ct);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "EntityAlreadyExists")
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

    private static async Task<string> EnsureKeyAsync(IAmazonKeyManagementService kms, CancellationToken ct)
    {
        try
        {
            var existing = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = KeyAlias }, ct);
            return existing.KeyMetadata.KeyId;
        }
        catch (NotFoundException)
        {
            var created = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "Remediation alerts topic key (drill)" }, ct);
            await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = KeyAlias, TargetKeyId = created.KeyMetadata.KeyId }, ct);
            return created.KeyMetadata.KeyId;
        }
    }
}
