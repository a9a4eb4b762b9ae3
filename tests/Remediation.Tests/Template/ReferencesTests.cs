using System.Text.RegularExpressions;

namespace Remediation.Tests.Template;

/// <summary>Every reference a comment makes can be followed inside this repository (issue 16, item 4).</summary>
public sealed partial class ReferencesTests
{
    private static readonly string[] Extensions = [".cs", ".md", ".yaml", ".py", ".json"];

    private static IEnumerable<(string Path, string Text)> Files() =>
        Directory.EnumerateFiles(Repo.Root, "*", SearchOption.AllDirectories)
            .Where(p => Extensions.Contains(Path.GetExtension(p), StringComparer.Ordinal))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "node_modules"))
            .Select(p => (Path.GetRelativePath(Repo.Root, p), File.ReadAllText(p)));

    [GeneratedRegex(@"docs/aws-reference\.md §([A-Z0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex AwsReference();

    [GeneratedRegex(@"docs/architecture\.md §([a-z]+)")]
    private static partial Regex ArchitectureReference();

    [GeneratedRegex(@"aws-facts|DESIGN\.md")]
    private static partial Regex OutsideReference();

    [Fact]
    public void Every_cited_section_exists_in_the_repositorys_own_docs()
    {
        var aws = File.ReadAllText(Repo.PathOf("docs", "aws-reference.md"));
        var architecture = File.ReadAllText(Repo.PathOf("docs", "architecture.md"));
        var files = Files().ToList();
        var awsCited = files.SelectMany(f => AwsReference().Matches(f.Text).Select(m => (f.Path, m.Groups[1].Value))).ToList();
        Assert.NotEmpty(awsCited);
        Assert.All(awsCited, c => Assert.True(aws.Contains("**§" + c.Value + " ", StringComparison.Ordinal), $"{c.Path} cites docs/aws-reference.md §{c.Value}, which it does not have"));
        var archCited = files.SelectMany(f => ArchitectureReference().Matches(f.Text).Select(m => (f.Path, m.Groups[1].Value))).ToList();
        Assert.NotEmpty(archCited);
        Assert.All(archCited, c => Assert.True(architecture.Contains("## §" + c.Value + " ", StringComparison.Ordinal), $"{c.Path} cites docs/architecture.md §{c.Value}, which it does not have"));
    }

    [Fact]
    public void Nothing_cites_documents_outside_the_repository()
    {
        var offenders = Files().Where(f => !f.Path.EndsWith(nameof(ReferencesTests) + ".cs", StringComparison.Ordinal) && OutsideReference().IsMatch(f.Text)).Select(f => f.Path);
        Assert.Empty(offenders);
    }
}
