using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Remediation.Core.Configuration;

namespace Remediation.Core.Ledger;

/// <summary>
/// The storm breaker (<see cref="BreakerBudget"/>) stored as one ledger item per function, updated with a version
/// condition. Contention is retried with jittered backoff; if the item stays contended the invocation fails for a retry
/// (never a silent skip): neither an attacker nor a bug may make us revoke half the account, nor silence us.
/// </summary>
public sealed class DynamoDbTargetBreaker(IAmazonDynamoDB dynamo, RemediationSettings settings, TimeProvider time) : ITargetBreaker
{
    private const int MaxConflictRetries = 10;

    /// <inheritdoc />
    public async Task<BreakerDecision> AdmitAsync(BreakerRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = ItemKey(request) } };
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var current = await dynamo.GetItemAsync(new GetItemRequest { TableName = settings.LedgerTable, Key = key, ConsistentRead = true }, ct);
            var version = current.Item is { Count: > 0 } && current.Item.TryGetValue("version", out var v) ? long.Parse(v.N, CultureInfo.InvariantCulture) : 0;
            var state = current.Item is { Count: > 0 } && current.Item.TryGetValue("state", out var s)
                ? JsonSerializer.Deserialize(s.S, LedgerJsonContext.Default.BreakerState) ?? BreakerState.Empty
                : BreakerState.Empty;
            var (decision, next) = BreakerBudget.Decide(state, request, time.GetUtcNow(),
                settings.BreakerWindowMinutes, settings.BreakerMaxTargets, settings.BreakerMaxTargetsPerSource);
            if (await TryWriteAsync(key, next, version, ct))
            {
                return decision;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * (attempt + 1)), time, ct);
        }
        throw new BreakerContentionException(
            $"breaker of {request.Function} stayed contended over {MaxConflictRetries} tries; nothing written, the invocation is retried");
    }

    /// <summary>
    /// One item per function for the stack's own account (as before member accounts existed), one per function and
    /// member account otherwise.
    /// </summary>
    private string ItemKey(BreakerRequest request) =>
        request.Account.Length == 0 || request.Account == settings.StackAccountId
            ? "breaker#" + request.Function
            : $"breaker#{request.Function}#{request.Account}";

    private async Task<bool> TryWriteAsync(Dictionary<string, AttributeValue> key, BreakerState next, long version, CancellationToken ct)
    {
        var item = new Dictionary<string, AttributeValue>(key)
        {
            ["state"] = new() { S = JsonSerializer.Serialize(next, LedgerJsonContext.Default.BreakerState) },
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
