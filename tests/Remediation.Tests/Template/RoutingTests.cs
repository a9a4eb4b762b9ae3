using Remediation.Tool.Drill;
using Remediation.Tool.Template;

namespace Remediation.Tests.Template;

public class RoutingTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(Repo.PathOf("template.yaml"));

    public static TheoryData<string> EventFiles()
    {
        var data = new TheoryData<string>();
        foreach (var relative in Events.SampleEvents.Everything())
        {
            data.Add(relative);
        }
        return data;
    }

    private static IReadOnlyList<string> Expected(string relative)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("events", "routes.json")));
        Assert.True(manifest.RootElement.GetProperty("routes").TryGetProperty(relative, out var routes), $"events/routes.json does not list {relative}");
        return [.. routes.EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(EventFiles))]
    public void Event_routes_to_exactly_its_functions(string relative)
    {
        using var evt = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("events", relative)));
        var actual = Router.Route(Template, evt.RootElement).Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Expected(relative), actual);
    }

    [Fact]
    public void Manifest_lists_only_existing_files_and_functions()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("events", "routes.json")));
        var names = Template.Functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in manifest.RootElement.GetProperty("routes").EnumerateObject())
        {
            Assert.True(File.Exists(Repo.PathOf("events", entry.Name)), $"routes.json lists missing file {entry.Name}");
            Assert.All(entry.Value.EnumerateArray(), f => Assert.Contains(f.GetString()!, names));
        }
    }
}
