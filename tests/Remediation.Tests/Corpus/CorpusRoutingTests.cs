using Remediation.Tool.Drill;
using Remediation.Tool.Template;

namespace Remediation.Tests.Corpus;

/// <summary>tests/Corpus: real events from public sources. Each parses (or is rejected with a named error) and routes as its manifest says.</summary>
public sealed class CorpusRoutingTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(Repo.PathOf("template.yaml"));

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Manifest().RootElement.GetProperty("events").EnumerateArray())
        {
            data.Add(entry.GetProperty("file").GetString()!);
        }
        return data;
    }

    internal static JsonDocument Manifest() => JsonDocument.Parse(File.ReadAllText(Repo.PathOf("tests", "Corpus", "manifest.json")));

    [Fact]
    public void Every_corpus_file_is_in_the_manifest_with_its_origin()
    {
        var root = Repo.PathOf("tests", "Corpus", "events");
        var onDisk = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        using var manifest = Manifest();
        var entries = manifest.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(onDisk, entries.Select(e => e.GetProperty("file").GetString()!).Order(StringComparer.Ordinal));
        // Issue 11: at least a hundred real events, from more than one project.
        Assert.True(entries.Count >= 100, $"the corpus holds {entries.Count} events; at least 100 are required");
        Assert.True(entries.Select(e => e.GetProperty("origin").GetString()!.Split('@')[0]).Distinct().Count() >= 5, "the corpus draws on fewer than five sources");
        Assert.All(entries, e => Assert.Matches(@"^[\w.-]+/[\w.-]+@[0-9a-f]{40}:\S+|^https://", e.GetProperty("origin").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_real_event_parses_or_is_rejected_by_name_and_routes_as_listed(string file)
    {
        var bytes = File.ReadAllBytes(Repo.PathOf("tests", "Corpus", "events", file));
        var parsed = EventParser.Parse(bytes);
        Assert.True(parsed.IsSuccess || !string.IsNullOrEmpty(parsed.Error?.Code));
        using var manifest = Manifest();
        var expect = manifest.RootElement.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("file").GetString() == file).GetProperty("expect");
        using var evt = JsonDocument.Parse(bytes);
        Assert.Equal(expect.GetProperty("routes").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal),
            Router.Route(Template, evt.RootElement).Select(f => f.Name).Order(StringComparer.Ordinal));
    }
}
