using System.Diagnostics;
using System.Text.Json;

namespace Remediation.Benchmarks.Compare;

/// <summary>The Python/boto3 peer (Peer/peer_handler.py) kept warm in one process, one event per line.</summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process process;

    private PeerProcess(Process process) => this.process = process;

    /// <summary>The peer script, and the arguments that point it at the emulation and the stack's resources.</summary>
    public static IReadOnlyList<string> Arguments(string root, string endpoint, string table, string topic, string denyAll) =>
        [Path.Combine(root, "tests", "Remediation.Benchmarks", "Peer", "peer_handler.py"),
            "--endpoint", endpoint, "--table", table, "--topic", topic, "--deny-all", denyAll];

    public static async Task<PeerProcess> StartAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started");
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready != "READY")
        {
            throw new InvalidOperationException(
                $"the peer did not start (got '{ready}'); it needs python3 with boto3 (the image has it; elsewhere: pip install boto3)");
        }
        return new PeerProcess(process);
    }

    /// <summary>Handles one event; returns the handler's own time and when it started (Unix ms), as the peer measured them.</summary>
    public async Task<(double Milliseconds, DateTimeOffset Started)> HandleAsync(string eventJson)
    {
        var started = DateTimeOffset.UtcNow;
        await process.StandardInput.WriteLineAsync(eventJson.ReplaceLineEndings(" "));
        await process.StandardInput.FlushAsync();
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the peer exited");
        using var reply = JsonDocument.Parse(line);
        return (reply.RootElement.GetProperty("ms").GetDouble(), started);
    }

    public void Dispose()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(5000))
        {
            process.Kill();
        }
        process.Dispose();
    }
}
