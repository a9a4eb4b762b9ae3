using System.Diagnostics;

namespace Remediation.Tool.Local;

/// <summary>
/// The embedded emulation: tests/LocalAws/localaws.py on a free loopback port. It exits by itself when this process
/// closes its stdin or dies; Dispose also kills it.
/// </summary>
internal sealed class LocalAwsProcess : IDisposable
{
    private readonly Process process;

    private LocalAwsProcess(Process process, string endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public static async Task<LocalAwsProcess> StartAsync(string repoRoot, TimeSpan timeout)
    {
        var script = Path.Combine(repoRoot, "tests", "LocalAws", "localaws.py");
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, "--port", "0", "--parent-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"python3 is needed for the local AWS emulation ({e.Message}); install it with: apt-get install -y python3 python3-venv, then: pip install -r tests/LocalAws/requirements.txt", e);
        }
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    return new LocalAwsProcess(process, line["READY ".Length..].Trim());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        process.Kill(entireProcessTree: true);
        var errors = await stderr;
        throw new InvalidOperationException($"the local AWS emulation did not start: {errors.Trim()}\nInstall its dependencies with: pip install -r tests/LocalAws/requirements.txt");
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(2000))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
