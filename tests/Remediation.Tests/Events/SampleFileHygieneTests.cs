namespace Remediation.Tests.Events;

/// <summary>Every JSON file in events/ is well-formed with no duplicate keys (a merge can silently leave one, and the last copy wins).</summary>
public class SampleFileHygieneTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repo.PathOf("events"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repo.Root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Has_no_duplicate_keys(string relative)
    {
        var text = File.ReadAllText(Repo.PathOf(relative));
        var error = Record.Exception(() => JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false }).Dispose());
        Assert.Null(error);
    }
}
