using System.Text;
using System.Text.Json.Nodes;
using Remediation.Core.Events;

namespace Remediation.Tests.Events;

/// <summary>Access to the files in events/ and variants of them.</summary>
internal static class SampleEvents
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string EventsDirectory => Path.Combine(RepoRoot, "events");

    /// <summary>Every sample event, relative to events/ (world.json is not an event).</summary>
    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(EventsDirectory, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(EventsDirectory, path).Replace('\\', '/'))
            .Where(path => path != "world.json")
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

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Remediation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Remediation.sln above {AppContext.BaseDirectory}");
    }
}
