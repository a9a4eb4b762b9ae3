using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Remediation.Core.Configuration;

namespace Remediation.Core.Ledger;

/// <summary>
/// The storm breaker: one item per function holding the distinct targets it wrote to and when.
/// A plan that would push the count within the window above the limit is refused (and notified instead):
/// neither an attacker nor a bug may make us revoke half the account.
/// </summary>
public sealed class DynamoDbTargetBreaker(IAmazonDynamoDB dynamo, RemediationSettings settings, TimeProvider time) : ITargetBreaker
{
    private const int MaxConflictRetries = 8;

    /// <inheritdoc />
    public async Task<BreakerDecision> AdmitAsync(string functionName, IReadOnlyCollection<string> targets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "breaker#" + functionName } };
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var now = time.GetUtcNow();
            var windowStart = now.AddMinutes(-settings.BreakerWindowMinutes).ToUnixTimeSeconds();
            var current = await dynamo.GetItemAsync(new GetItemRequest { TableName = settings.LedgerTable, Key = key, ConsistentRead = true }, ct);
            var version = current.Item is { Count: > 0 } && current.Item.TryGetValue("version", out var v) ? long.Parse(v.N, CultureInfo.InvariantCulture) : 0;
            var seen = current.Item is { Count: > 0 } && current.Item.TryGetValue("targets", out var t)
                ? JsonSerializer.Deserialize(t.S, LedgerJsonContext.Default.DictionaryStringInt64) ?? []
                : [];
            var live = seen.Where(e => e.Value >= windowStart).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            foreach (var target in targets)
            {
                live[target] = now.ToUnixTimeSeconds();
            }
            if (live.Count > settings.BreakerMaxTargets)
            {
                return new BreakerDecision(false,
                    $"breaker open: {functionName} would touch {live.Count} distinct targets within {settings.BreakerWindowMinutes} min (limit {settings.BreakerMaxTargets}); automatic writes stopped");
            }
            if (await TryWriteAsync(key, live, version, ct))
            {
                return new BreakerDecision(true, "");
            }
        }
        return new BreakerDecision(false, "breaker could not record targets under contention; refusing to write");
    }

    private async Task<bool> TryWriteAsync(Dictionary<string, AttributeValue> key, Dictionary<string, long> live, long version, CancellationToken ct)
    {
        var item = new Dictionary<string, AttributeValue>(key)
        {
            ["targets"] = new() { S = JsonSerializer.Serialize(live, LedgerJsonContext.Default.DictionaryStringInt64) },
            ["version"] = new() { N = (version + 1).ToString(CultureInfo.InvariantCulture) },
        };
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = settings.LedgerTable,
                Item = item,
                ConditionExpression = version == 0 ? "attribute_not_exists(pk)" : "version = :v",
                ExpressionAttributeValues = version == 0 ? null
                    : new Dictionary<string, AttributeValue> { [":v"] = new() { N = version.ToString(CultureInfo.InvariantCulture) } },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
