using System.Text.RegularExpressions;

namespace Remediation.Tests.Hosting;

/// <summary>
/// One host shape: functions are built from explicit inputs, so drills and tests never change process-wide state
/// (issue 16, item 2). Checked on the source, where a regression would be written.
/// </summary>
public sealed partial class ExplicitInputsTests
{
    private static IEnumerable<(string Path, string Text)> Sources(string folder) =>
        Directory.EnumerateFiles(Repo.PathOf(folder), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (Path.GetRelativePath(Repo.Root, p), File.ReadAllText(p)));

    [GeneratedRegex(@"\bConsole\.")]
    private static partial Regex ConsoleUse();

    [GeneratedRegex(@"Environment\.SetEnvironmentVariable|Console\.Set(Out|Error|In)\b")]
    private static partial Regex ProcessStateChange();

    [Fact]
    public void Function_code_writes_only_to_the_log_writer_it_is_given()
    {
        var offenders = Sources("functions").Where(s => ConsoleUse().IsMatch(s.Text)).Select(s => s.Path).ToList();
        // The one place that hands Lambda's stdout in as the log writer.
        Assert.Equal([Path.Combine("functions", "Remediation.Core", "Hosting", "FunctionInputs.cs")], offenders);
    }

    [Fact]
    public void No_test_tool_or_benchmark_changes_the_process_environment_or_console()
    {
        // LambdaRuntimeHost is its own process playing Lambda's runtime: it keeps stdout for the result, as Lambda does.
        var offenders = Sources("tests").Concat(Sources("tools"))
            .Where(s => ProcessStateChange().IsMatch(s.Text))
            .Select(s => s.Path)
            .Where(p => !p.StartsWith(Path.Combine("tests", "LambdaRuntimeHost"), StringComparison.Ordinal)
                && !p.EndsWith(nameof(ExplicitInputsTests) + ".cs", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }
}
