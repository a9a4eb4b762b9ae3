using System.Diagnostics;

namespace Remediation.IntegrationTests.Cli;

/// <summary>Runs the built operator CLI (Remediate.dll next to the tests) as a separate process, like an operator would.</summary>
internal static class RemediateCli
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string repoRoot, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repoRoot,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Remediate.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
