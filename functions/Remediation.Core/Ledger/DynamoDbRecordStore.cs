using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Remediation.Core.Ledger;

/// <summary>
/// Incident records in DynamoDB: key "pk" (the incident id), the claim token and state as attributes for
/// conditions, "ttl" for expiry, and the whole record as JSON.
/// </summary>
public sealed class DynamoDbRecordStore(IAmazonDynamoDB dynamo, string table) : IRecordStore
{
    private const string Key = "pk";

    /// <inheritdoc />
    public async Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new Dictionary<string, AttributeValue> { [Key] = new() { S = incidentId } },
            ConsistentRead = true,
        }, ct);
        return response.Item is { Count: > 0 } item ? Deserialize(item) : null;
    }

    /// <inheritdoc />
    public async Task<bool> TryPutAsync(IncidentRecord record, string? expectedToken, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var request = new PutItemRequest
        {
            TableName = table,
            Item = Serialize(record),
            ConditionExpression = expectedToken is null ? "attribute_not_exists(#pk)" : "claimToken = :expected",
            ExpressionAttributeNames = expectedToken is null ? new Dictionary<string, string> { ["#pk"] = Key } : null,
            ExpressionAttributeValues = expectedToken is null ? null : new Dictionary<string, AttributeValue> { [":expected"] = new() { S = expectedToken } },
        };
        try
        {
            await dynamo.PutItemAsync(request, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IncidentRecord>> ListAsync(CancellationToken ct)
    {
        var records = new List<IncidentRecord>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest
            {
                TableName = table,
                ExclusiveStartKey = start,
                FilterExpression = "begins_with(#pk, :prefix)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Key },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":prefix"] = new() { S = "inc-" } },
            }, ct);
            records.AddRange((page.Items ?? []).Select(Deserialize).OfType<IncidentRecord>());
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return records;
    }

    private static Dictionary<string, AttributeValue> Serialize(IncidentRecord record) => new()
    {
        [Key] = new() { S = record.IncidentId },
        ["function"] = new() { S = record.Function },
        ["state"] = new() { S = record.State.ToString() },
        ["claimToken"] = new() { S = record.ClaimToken },
        ["updatedAt"] = new() { N = record.UpdatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
        ["ttl"] = new() { N = record.ExpiresAt.ToString(CultureInfo.InvariantCulture) },
        ["record"] = new() { S = JsonSerializer.Serialize(record, LedgerJsonContext.Default.IncidentRecord) },
    };

    private static IncidentRecord? Deserialize(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue("record", out var json) && json.S is { } text
            ? JsonSerializer.Deserialize(text, LedgerJsonContext.Default.IncidentRecord)
            : null;
}
