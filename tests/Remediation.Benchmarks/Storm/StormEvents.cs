using System.Globalization;
using System.Text.Json.Nodes;

namespace Remediation.Benchmarks.Storm;

/// <summary>
/// A finding storm (issue 13 goal 6): GuardDuty credential findings on many IAM users, each finding delivered many
/// times. GuardDuty publishes an update of an active finding with the same finding id and a higher count; EventBridge
/// delivers at least once, so an event can also arrive twice with the same event id. Shared by the storm test and
/// the storm benchmark.
/// </summary>
public static class StormEvents
{
    /// <summary>The user a principal index names.</summary>
    public static string User(int principal) => $"storm-user-{principal.ToString("000", CultureInfo.InvariantCulture)}";

    /// <summary>Its access key id (20 characters, as IAM's).</summary>
    public static string AccessKey(int principal) => $"AKIASTORM{principal.ToString("00000000000", CultureInfo.InvariantCulture)}";

    /// <summary>The users, each with one active key, to seed into the emulation beside the stack.</summary>
    public static string World(int principals)
    {
        var users = Enumerable.Range(0, principals).Select(p => $$"""
            {"name":"{{User(p)}}","id":"AIDASTORM{{p.ToString("00000000000", CultureInfo.InvariantCulture)}}","path":"/",
             "accessKeys":[{"id":"{{AccessKey(p)}}","secret":"storm-secret-not-real-{{p}}","status":"Active"}]}
            """);
        return $$"""{"account":"123456789012","region":"us-east-1","users":[{{string.Join(",", users)}}]}""";
    }

    /// <summary>
    /// <paramref name="perPrincipal"/> deliveries of one finding per principal, shuffled: every fourth is a redelivery of
    /// the event before it (same event id), the others are GuardDuty updates (new event id, same finding id, count + 1).
    /// </summary>
    public static IReadOnlyList<string> Events(string sampleJson, int principals, int perPrincipal, int seed)
    {
        var sample = JsonNode.Parse(sampleJson) ?? throw new ArgumentException("the sample event is not JSON", nameof(sampleJson));
        var events = new List<string>(principals * perPrincipal);
        for (var p = 0; p < principals; p++)
        {
            string? previous = null;
            for (var k = 0; k < perPrincipal; k++)
            {
                if (k % 4 == 3 && previous is not null)
                {
                    events.Add(previous);
                    continue;
                }
                previous = Update(sample, p, k);
                events.Add(previous);
            }
        }
        var random = new Random(seed);
        return [.. events.OrderBy(_ => random.Next())];
    }

    private static string Update(JsonNode sample, int principal, int update)
    {
        var evt = sample.DeepClone();
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(update).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        evt["id"] = $"storm-event-{principal}-{update}";
        evt["time"] = at;
        var detail = evt["detail"]!;
        detail["id"] = $"storm-finding-{principal.ToString("000", CultureInfo.InvariantCulture)}";
        detail["arn"] = $"arn:aws:guardduty:us-east-1:123456789012:detector/storm/finding/storm-finding-{principal}";
        detail["updatedAt"] = at;
        var key = detail["resource"]!["accessKeyDetails"]!;
        key["userName"] = User(principal);
        key["accessKeyId"] = AccessKey(principal);
        key["principalId"] = $"AIDASTORM{principal.ToString("00000000000", CultureInfo.InvariantCulture)}";
        detail["service"]!["count"] = update + 1;
        return evt.ToJsonString();
    }
}
