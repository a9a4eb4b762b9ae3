using System.ComponentModel;
using System.Diagnostics;

namespace Remediation.Tests.Routing.Differential;

/// <summary>Runs tests/PatternOracle/match.py (moto's matcher) once over a whole corpus file.</summary>
internal static class MotoOracle
{
    public const string InstallCommand = "pip install moto[server]==5.2.1";

    /// <summary>moto's verdict per line: "true", "false" or "error: ...".</summary>
    public static IReadOnlyList<string> Verdicts(string corpusPath)
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "PatternOracle", "match.py");
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(corpusPath);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"python3 is not on PATH ({e.Message}); install Python 3, then: {InstallCommand}", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("moto oracle did not finish within 60 s");
            }
            if (process.ExitCode != 0)
            {
                var reason = stderr.Result.Trim();
                var hint = reason.Contains(InstallCommand, StringComparison.Ordinal) ? "" : $" (moto missing? {InstallCommand})";
                throw new InvalidOperationException($"moto oracle failed (exit {process.ExitCode}): {reason}{hint}");
            }
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Remediation.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Remediation.sln not found above {AppContext.BaseDirectory}");
    }
}
