using System.Diagnostics;

namespace Remediation.Tests.Support;

internal static class ProcessRunner
{
    /// <summary>Runs a tool; a missing tool fails the test with the command that installs it.</summary>
    public static (int ExitCode, string Output) Run(string tool, string installHint, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed ({e.Message}). Install it with: {installHint}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(180_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish in 180 s");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
