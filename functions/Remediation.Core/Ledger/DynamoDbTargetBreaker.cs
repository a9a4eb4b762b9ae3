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
    public Task<BreakerDecision> AdmitAsync(BreakerRequest request, CancellationToken ct) => AdmitAsync(request, null, ct);

    /// <inheritdoc />
    public async Task<BreakerReading?> ReadAheadAsync(string functionName, string account, CancellationToken ct)
    {
        try
        {
            return await ReadAsync(ItemKey(functionName, account), ct);
        }
        catch (Exception e) when (AwsErrors.AsServiceError(e) is not null || e is HttpRequestException)
        {
            return null; // the admission reads again, and fails the invocation there if it must
        }
    }

    /// <inheritdoc />
    public async Task<BreakerDecision> AdmitAsync(BreakerRequest request, BreakerReading? readAhead, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = ItemKey(request.Function, request.Account);
        var reading = readAhead is { } ahead && ahead.Key == key ? ahead : null;
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            reading ??= await ReadAsync(key, ct);
            var (decision, next) = BreakerBudget.Decide(reading.State, request, time.GetUtcNow(),
                settings.BreakerWindowMinutes, settings.BreakerMaxTargets, settings.BreakerMaxTargetsPerSource);
            if (await TryWriteAsync(key, next, reading.Version, ct))
            {
                return decision;
            }
            reading = null;
            if (attempt > 0 || readAhead is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * (attempt + 1)), time, ct);
            }
        }
        throw new BreakerContentionException(
            $"breaker of {request.Function} stayed contended over {MaxConflictRetries} tries; nothing written, the invocation is retried");
    }

    private async Task<BreakerReading> ReadAsync(string key, CancellationToken ct)
    {
        var current = await dynamo.GetItemAsync(new GetItemRequest { TableName = settings.LedgerTable, Key = Key(key), ConsistentRead = true }, ct);
        var version = current.Item is { Count: > 0 } && current.Item.TryGetValue("version", out var v) ? long.Parse(v.N, CultureInfo.InvariantCulture) : 0;
        var state = current.Item is { Count: > 0 } && current.Item.TryGetValue("state", out var s)
            ? JsonSerializer.Deserialize(s.S, LedgerJsonContext.Default.BreakerState) ?? BreakerState.Empty
            : BreakerState.Empty;
        return new BreakerReading(key, version, state);
    }

    private static Dictionary<string, AttributeValue> Key(string key) => new() { ["pk"] = new() { S = key } };

    /// <summary>
    /// One item per function for the stack's own account (as before member accounts existed), one per function and
    /// member account otherwise.
    /// </summary>
    private string ItemKey(string function, string account) =>
        account.Length == 0 || account == settings.StackAccountId
            ? "breaker#" + function
            : $"breaker#{function}#{account}";

    private async Task<bool> TryWriteAsync(string key, BreakerState next, long version, CancellationToken ct)
    {
        var item = new Dictionary<string, AttributeValue>(Key(key))
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
