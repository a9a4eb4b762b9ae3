using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Remediation.Tool.Local;

/// <summary>Runs tests/LocalAws/localaws.py and waits for its READY line.</summary>
internal sealed class LocalAwsProcess : IDisposable
{
    private const string ReadyPrefix = "READY ";
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private LocalAwsProcess(Process process) => _process = process;

    public string ReadyLine { get; private set; } = "";

    /// <summary>The emulation's base URL, from the READY line.</summary>
    public string Endpoint => ReadyLine.Length > ReadyPrefix.Length ? ReadyLine[ReadyPrefix.Length..].Trim() : "";

    public static async Task<LocalAwsProcess> StartAsync(string repoRoot, TimeSpan timeout)
    {
        var script = Path.Combine(repoRoot, "tests", "LocalAws", "localaws.py");
        var info = new ProcessStartInfo("python3")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardInput = true, // kept open: the emulation exits when it closes
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--port", "0", "--parent-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception error)
        {
            process.Dispose();
            throw new InvalidOperationException(
                $"python3 is not on PATH ({error.Message}). Install it (e.g. `apt-get install -y python3 python3-venv`), then " +
                $"`python3 -m pip install -r {Path.Combine(repoRoot, "tests", "LocalAws", "requirements.txt")}`.", error);
        }

        var started = new LocalAwsProcess(process);
        await started.WaitForReadyAsync(repoRoot, timeout);
        return started;
    }

    private async Task WaitForReadyAsync(string repoRoot, TimeSpan timeout)
    {
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                {
                    ReadyLine = line;
                    DrainStdout();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Dispose();
            throw new TimeoutException($"tests/LocalAws/localaws.py printed no READY line within {timeout.TotalSeconds:0} s.{StderrText()}");
        }

        await _process.WaitForExitAsync();
        var install = $"python3 -m pip install -r {Path.Combine(repoRoot, "tests", "LocalAws", "requirements.txt")}";
        var message = $"tests/LocalAws/localaws.py exited with code {_process.ExitCode} before it was ready. " +
                      $"If moto is missing, install it with `{install}`.{StderrText()}";
        Dispose();
        throw new InvalidOperationException(message);
    }

    // Nothing more is expected on stdout, but a full pipe would block the server.
    private void DrainStdout() => _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);

    private string StderrText()
    {
        lock (_stderr)
        {
            return _stderr.Length == 0 ? "" : $"{Environment.NewLine}stderr:{Environment.NewLine}{_stderr}";
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close(); // polite stop: the server exits on stdin EOF
                if (!_process.WaitForExit(3000))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(3000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
