using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Remediation.Core.Ledger;

/// <summary>
/// Incident records in DynamoDB. The head item (key "pk" = the incident id) holds the claim token and state as
/// attributes for conditions, "ttl" for expiry, the record as JSON without its actions, and how many action slots it
/// has; each action is an item of its own (<c>&lt;incident&gt;#a#&lt;slot&gt;</c>), its slot fixed when it first
/// appears, so actions read back in the order they were first recorded. A save writes the head and only the actions
/// that changed since this store last read or wrote them, in transactions conditioned on the head's claim token: an
/// incident of 10,000 actions costs O(actions) writes of bounded size, and no item approaches DynamoDB's 400 KB
/// (docs/aws-reference.md §B7).
/// </summary>
public sealed class DynamoDbRecordStore(IAmazonDynamoDB dynamo, string table) : IRecordStore
{
    private const string Key = "pk";
    private const string SlotInfix = "#a#";
    private const string Removed = "removed";
    // DynamoDB's TransactWriteItems takes at most 100 items; one is the head or its condition check.
    private const int ActionsPerTransaction = 99;

    // What this store last read or wrote of each incident's actions: the ones to skip on the next save.
    private readonly ConcurrentDictionary<string, Slots> known = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>
    /// A refused conditional put returns the stored item (ReturnValuesOnConditionCheckFailure=ALL_OLD, DynamoDB
    /// PutItem), so no read follows; its actions live in items of their own and are not read here.
    /// </remarks>
    public async Task<(bool Created, IncidentRecord? Existing)> TryCreateAsync(IncidentRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = HeadItem(record, record.Actions.Count == 0 ? 0 : throw new ArgumentException("a new record has no actions yet", nameof(record))),
                ConditionExpression = Condition(null),
                ExpressionAttributeNames = Names(null),
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, ct);
        }
        catch (ConditionalCheckFailedException e)
        {
            return (false, e.Item is { Count: > 0 } stored ? Head(stored) : null);
        }
        known[record.IncidentId] = new Slots(0);
        return (true, null);
    }

    /// <inheritdoc />
    public async Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = ItemKey(incidentId), ConsistentRead = true }, ct);
        if (response.Item is not { Count: > 0 } head || Head(head) is not { } record)
        {
            return null;
        }
        if (SlotCount(head) is not { } count)
        {
            return record; // written before actions had items of their own
        }
        var items = await ReadSlotsAsync(incidentId, count, ct);
        var slots = new Slots(count);
        var actions = new List<ActionRecord>();
        for (var slot = 0; slot < count; slot++)
        {
            var json = items[slot];
            if (json != Removed)
            {
                var action = JsonSerializer.Deserialize(json, LedgerJsonContext.Default.ActionRecord)!;
                slots.Take(IdentityOf(action, slots), slot, Hash(json));
                actions.Add(action);
            }
        }
        known[incidentId] = slots;
        return record with { Actions = actions };
    }

    /// <inheritdoc />
    public async Task<bool> TryPutAsync(IncidentRecord record, string? expectedToken, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var slots = known.TryGetValue(record.IncidentId, out var seen) ? seen.Copy() : new Slots(0);
        var writes = slots.Assign(record.Actions, ActionJson, Hash);
        try
        {
            if (writes.Count == 0)
            {
                await dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = table,
                    Item = HeadItem(record, slots.Count),
                    ConditionExpression = Condition(expectedToken),
                    ExpressionAttributeNames = Names(expectedToken),
                    ExpressionAttributeValues = Values(expectedToken),
                }, ct);
            }
            else
            {
                await WriteWithActionsAsync(record, slots.Count, writes, expectedToken, ct);
            }
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
        {
            return false;
        }
        known[record.IncidentId] = slots;
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IncidentRecord>> ListAsync(CancellationToken ct)
    {
        var heads = new List<Dictionary<string, AttributeValue>>();
        var slotted = new Dictionary<string, string>(StringComparer.Ordinal);
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
            foreach (var item in page.Items ?? [])
            {
                if (item.TryGetValue("action", out var a))
                {
                    slotted[item[Key].S] = a.S;
                }
                else if (item.ContainsKey("record"))
                {
                    heads.Add(item);
                }
            }
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return [.. heads.Select(h => Head(h) is { } r && SlotCount(h) is { } count
                ? r with
                {
                    Actions = [.. Enumerable.Range(0, count)
                        .Select(slot => slotted.GetValueOrDefault(SlotKey(r.IncidentId, slot)))
                        .Where(json => json is not null and not Removed)
                        .Select(json => JsonSerializer.Deserialize(json!, LedgerJsonContext.Default.ActionRecord)!)],
                }
                : Head(h)).OfType<IncidentRecord>()];
    }

    private async Task WriteWithActionsAsync(IncidentRecord record, int slotCount, IReadOnlyList<SlotWrite> writes, string? expectedToken, CancellationToken ct)
    {
        // Every transaction is conditioned on the head, so an invocation that lost its claim writes nothing; the head
        // goes last, so a reader never counts slots whose items are not written yet.
        var batches = Batches(writes);
        for (var b = 0; b < batches.Count; b++)
        {
            var items = batches[b].Select(w => new TransactWriteItem { Put = new Put { TableName = table, Item = SlotItem(record, w) } }).ToList();
            items.Add(b == batches.Count - 1
                ? new TransactWriteItem { Put = new Put { TableName = table, Item = HeadItem(record, slotCount), ConditionExpression = Condition(expectedToken), ExpressionAttributeNames = Names(expectedToken), ExpressionAttributeValues = Values(expectedToken) } }
                : new TransactWriteItem { ConditionCheck = new ConditionCheck { TableName = table, Key = ItemKey(record.IncidentId), ConditionExpression = Condition(expectedToken), ExpressionAttributeNames = Names(expectedToken), ExpressionAttributeValues = Values(expectedToken) } });
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
        }
    }

    // At most 99 actions (with the head, 100) and about 3.5 MB (4 MB per transaction, docs/aws-reference.md §B7).
    private static List<List<SlotWrite>> Batches(IReadOnlyList<SlotWrite> writes)
    {
        const int MaxBytes = 3_500_000;
        var batches = new List<List<SlotWrite>> { new() };
        var bytes = 0;
        foreach (var write in writes)
        {
            if (batches[^1].Count == ActionsPerTransaction || (batches[^1].Count > 0 && bytes + write.Json.Length > MaxBytes))
            {
                batches.Add([]);
                bytes = 0;
            }
            batches[^1].Add(write);
            bytes += write.Json.Length;
        }
        return batches;
    }

    private async Task<Dictionary<int, string>> ReadSlotsAsync(string incidentId, int count, CancellationToken ct)
    {
        var found = new Dictionary<int, string>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(100)) // BatchGetItem reads at most 100 items
        {
            var pending = new List<Dictionary<string, AttributeValue>>(chunk.Select(slot => ItemKey(SlotKey(incidentId, slot))));
            while (pending.Count > 0)
            {
                var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes> { [table] = new() { Keys = pending, ConsistentRead = true } },
                }, ct);
                foreach (var item in response.Responses?.GetValueOrDefault(table) ?? [])
                {
                    found[int.Parse(item[Key].S[(item[Key].S.LastIndexOf('#') + 1)..], CultureInfo.InvariantCulture)] = item["action"].S;
                }
                pending = response.UnprocessedKeys?.GetValueOrDefault(table)?.Keys ?? [];
            }
        }
        var missing = Enumerable.Range(0, count).FirstOrDefault(slot => !found.ContainsKey(slot), -1);
        return missing < 0 ? found : throw new InvalidDataException($"Incident {incidentId}: action slot {missing} is missing from the ledger.");
    }

    private static Dictionary<string, AttributeValue> HeadItem(IncidentRecord record, int slotCount) => new()
    {
        [Key] = new() { S = record.IncidentId },
        ["function"] = new() { S = record.Function },
        ["state"] = new() { S = record.State.ToString() },
        ["claimToken"] = new() { S = record.ClaimToken },
        ["updatedAt"] = new() { N = record.UpdatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
        ["ttl"] = new() { N = record.ExpiresAt.ToString(CultureInfo.InvariantCulture) },
        ["record"] = new() { S = JsonSerializer.Serialize(record with { Actions = [] }, LedgerJsonContext.Default.IncidentRecord) },
        ["actionSlots"] = new() { N = slotCount.ToString(CultureInfo.InvariantCulture) },
    };

    private static Dictionary<string, AttributeValue> SlotItem(IncidentRecord record, SlotWrite write) => new()
    {
        [Key] = new() { S = SlotKey(record.IncidentId, write.Slot) },
        ["ttl"] = new() { N = record.ExpiresAt.ToString(CultureInfo.InvariantCulture) },
        ["action"] = new() { S = write.Json },
    };

    private static string SlotKey(string incidentId, int slot) => incidentId + SlotInfix + slot.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, AttributeValue> ItemKey(string pk) => new() { [Key] = new() { S = pk } };

    private static string Condition(string? expectedToken) => expectedToken is null ? "attribute_not_exists(#pk)" : "claimToken = :expected";

    private static Dictionary<string, string>? Names(string? expectedToken) =>
        expectedToken is null ? new Dictionary<string, string> { ["#pk"] = Key } : null;

    private static Dictionary<string, AttributeValue>? Values(string? expectedToken) =>
        expectedToken is null ? null : new Dictionary<string, AttributeValue> { [":expected"] = new() { S = expectedToken } };

    private static IncidentRecord? Head(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue("record", out var json) && json.S is { } text
            ? JsonSerializer.Deserialize(text, LedgerJsonContext.Default.IncidentRecord)
            : null;

    private static int? SlotCount(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue("actionSlots", out var n) ? int.Parse(n.N, CultureInfo.InvariantCulture) : null;

    private static string IdentityOf(ActionRecord a, Slots slots) => slots.Occurrence(
        a.Kind + "|" + a.Target + "|" + string.Join(",", a.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));

    private static string ActionJson(ActionRecord action) => JsonSerializer.Serialize(action, LedgerJsonContext.Default.ActionRecord);

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed record SlotWrite(int Slot, string Json);

    /// <summary>One incident's action slots: identity → slot and the hash of what the slot holds.</summary>
    private sealed class Slots(int count)
    {
        private readonly Dictionary<string, (int Slot, string Hash)> bySlot = new(StringComparer.Ordinal);
        private Dictionary<string, int> occurrences = new(StringComparer.Ordinal);

        public int Count { get; private set; } = count;

        public Slots Copy()
        {
            var copy = new Slots(Count);
            foreach (var (id, entry) in bySlot)
            {
                copy.bySlot[id] = entry;
            }
            return copy;
        }

        public void Take(string identity, int slot, string hash) => bySlot[identity] = (slot, hash);

        // A repeated identity within one record is told apart by its occurrence.
        public string Occurrence(string identity)
        {
            var n = occurrences[identity] = occurrences.GetValueOrDefault(identity) + 1;
            return n == 1 ? identity : identity + "#" + n.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>Gives every action its slot (a new one at the end) and returns the slots to write: changed, new, or removed.</summary>
        public List<SlotWrite> Assign(IReadOnlyList<ActionRecord> actions, Func<ActionRecord, string> json, Func<string, string> hash)
        {
            occurrences = new(StringComparer.Ordinal);
            var writes = new List<SlotWrite>();
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var action in actions)
            {
                var id = IdentityOf(action, this);
                present.Add(id);
                var text = json(action);
                var h = hash(text);
                if (bySlot.TryGetValue(id, out var entry))
                {
                    if (entry.Hash != h)
                    {
                        writes.Add(new SlotWrite(entry.Slot, text));
                        bySlot[id] = (entry.Slot, h);
                    }
                }
                else
                {
                    writes.Add(new SlotWrite(Count, text));
                    bySlot[id] = (Count++, h);
                }
            }
            foreach (var gone in bySlot.Where(e => !present.Contains(e.Key) && e.Value.Hash != Removed).ToList())
            {
                writes.Add(new SlotWrite(gone.Value.Slot, Removed));
                bySlot[gone.Key] = (gone.Value.Slot, Removed);
            }
            return writes;
        }
    }
}
