using System.Text;

namespace Remediation.Tests.Events;

/// <summary>Access to the files in events/ and variants of them.</summary>
internal static class SampleEvents
{
    public static string RepoRoot => Support.Repo.Root;

    public static string EventsDirectory => Path.Combine(RepoRoot, "events");

    /// <summary>
    /// Every sample event that becomes a finding, relative to events/ (world.json and the routes.json manifest are
    /// not events; schedule/ holds EventBridge "Scheduled Event"s: a function's own work, about no one).
    /// </summary>
    public static IEnumerable<string> All() =>
        Everything().Where(path => !path.StartsWith("schedule/", StringComparison.Ordinal));

    /// <summary>Every event file, scheduled events included.</summary>
    public static IEnumerable<string> Everything() =>
        Directory.EnumerateFiles(EventsDirectory, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(EventsDirectory, path).Replace('\\', '/'))
            .Where(path => path is not ("world.json" or "routes.json"))
            .Order(StringComparer.Ordinal);

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(EventsDirectory, relativePath));

    public static EventParseResult Parse(string relativePath) => EventParser.Parse(Bytes(relativePath));

    public static JsonObject Node(string relativePath) => JsonNode.Parse(Bytes(relativePath))!.AsObject();

    /// <summary>Parses a sample after <paramref name="edit"/> changed it.</summary>
    public static EventParseResult ParseEdited(string relativePath, Action<JsonObject> edit)
    {
        var node = Node(relativePath);
        edit(node);
        return EventParser.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    public static EventParseResult ParseText(string json) => EventParser.Parse(Encoding.UTF8.GetBytes(json));
}
