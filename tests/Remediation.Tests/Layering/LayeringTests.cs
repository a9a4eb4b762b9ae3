using System.Text.RegularExpressions;

namespace Remediation.Tests.Layering;

/// <summary>
/// Issue 16.3: one incident vocabulary (Core/Incidents) that the pipeline, the ledger and the notifications depend on,
/// with no cycle between them; and action families that know nothing of each other (16.1). Checked on the source.
/// </summary>
public sealed partial class LayeringTests
{
    [GeneratedRegex(@"^using (Remediation\.[A-Za-z.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    private static HashSet<string> UsingsOf(string folder) =>
        [.. Directory.EnumerateFiles(Repo.PathOf(folder), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(p => UsingLine().Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value))];

    [Theory]
    [InlineData("functions/Remediation.Core/Incidents", "Remediation.Core.Pipeline")]
    [InlineData("functions/Remediation.Core/Incidents", "Remediation.Core.Ledger")]
    [InlineData("functions/Remediation.Core/Incidents", "Remediation.Core.Notifications")]
    [InlineData("functions/Remediation.Core/Notifications", "Remediation.Core.Pipeline")]
    [InlineData("functions/Remediation.Core/Ledger", "Remediation.Core.Pipeline")]
    [InlineData("functions/Remediation.Core/Ledger", "Remediation.Core.Notifications")]
    public void A_lower_layer_does_not_use_a_higher_one(string folder, string forbidden)
    {
        Assert.DoesNotContain(forbidden, UsingsOf(folder));
    }

    [Theory]
    [InlineData("Iam")]
    [InlineData("AccessKeys")]
    [InlineData("Kms")]
    [InlineData("S3Quarantine")]
    [InlineData("SageMaker")]
    public void An_action_family_uses_no_other_family(string family)
    {
        var others = UsingsOf($"functions/Remediation.Actions.{family}")
            .Where(u => u.StartsWith("Remediation.Actions.", StringComparison.Ordinal) && u != $"Remediation.Actions.{family}");
        Assert.Empty(others);
    }
}
