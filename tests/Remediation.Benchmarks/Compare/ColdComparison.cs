using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Remediation.Benchmarks.Compare;

/// <summary>
/// Cold starts: a fresh process that builds the function and handles one event, as a new Lambda container does.
/// Ours runs its published package (JIT, and ReadyToRun as the Lambda publish makes it) in tests/LambdaRuntimeHost,
/// which loads a package by its handler string the way the managed runtime does; the peer runs its script once.
/// Wall time from process start to exit, and peak RSS (GNU time's %M), interleaved run by run.
/// </summary>
internal sealed class ColdComparison(string root, string handler, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> peerArguments)
{
    public sealed record Side(string Name, Samples Milliseconds, Samples PeakRssMiB);

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("remediation-cold-");

    private string RssFile => Path.Combine(work.FullName, "rss.txt");

    public async Task<IReadOnlyList<Side>> RunAsync(int runs)
    {
        try
        {
            var host = await BuildHostAsync(work.FullName);
            var jit = await PublishAsync(work.FullName, readyToRun: false);
            var r2r = await PublishAsync(work.FullName, readyToRun: true);
            var sides = new (Side Side, Func<string, ProcessStartInfo> Start)[]
            {
                (new Side("ours, JIT", new(), new()), evt => Ours(host, jit)),
                (new Side("ours, ReadyToRun", new(), new()), evt => Ours(host, r2r)),
                // The same package with the init-phase prime off (ClientPriming reads a blank variable as unset).
                (new Side("ours, ReadyToRun, ledger client not primed", new(), new()), evt => Ours(host, r2r, primed: false)),
                (new Side("peer (Python, boto3)", new(), new()), Peer),
            };
            var template = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Event(Scenario.Role.EventFile)))!;
            for (var run = 0; run < runs; run++)
            {
                for (var k = 0; k < sides.Length; k++)
                {
                    // Rotate the order so no side always runs first after a pause.
                    var (side, start) = sides[(run + k) % sides.Length];
                    var evt = template.DeepClone();
                    evt["id"] = $"cold-event-{run}-{k}";
                    evt["detail"]!["id"] = $"cold-finding-{run}-{k}";
                    var eventFile = Path.Combine(work.FullName, "event.json");
                    await File.WriteAllTextAsync(eventFile, evt.ToJsonString());
                    var (ms, rss) = await TimeAsync(start(eventFile), eventFile);
                    side.Milliseconds.Add(ms);
                    side.PeakRssMiB.Add(rss);
                }
            }
            return [.. sides.Select(s => s.Side)];
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private ProcessStartInfo Ours(string host, string package, bool primed = true)
    {
        var start = Timed("dotnet", [host, package, handler]);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        if (!primed)
        {
            start.Environment[Core.Hosting.ClientPriming.InitializationType] = "";
        }
        start.RedirectStandardInput = true;
        return start;
    }

    private ProcessStartInfo Peer(string eventFile) => Timed("python3", [.. peerArguments, "--once", eventFile]);

    // GNU time writes the peak RSS to a file of its own (rss.txt in the work folder); the function's and the peer's
    // output stay theirs.
    private ProcessStartInfo Timed(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-f", "%M", "-o", RssFile, program, .. arguments])
        {
            start.ArgumentList.Add(a);
        }
        return start;
    }

    private async Task<(double Milliseconds, double PeakRssMiB)> TimeAsync(ProcessStartInfo start, string eventFile)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started (is GNU time installed? apt-get install time)");
        if (start.RedirectStandardInput)
        {
            await process.StandardInput.WriteAsync(await File.ReadAllTextAsync(eventFile));
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {await stderr}\n{await stdout}");
        }
        var kilobytes = double.Parse((await File.ReadAllTextAsync(RssFile)).Trim(), CultureInfo.InvariantCulture);
        return (watch.Elapsed.TotalMilliseconds, kilobytes / 1024);
    }

    private async Task<string> BuildHostAsync(string work)
    {
        var output = Path.Combine(work, "host");
        await DotnetAsync("build", Path.Combine(root, "tests", "LambdaRuntimeHost", "LambdaRuntimeHost.csproj"), "-c", "Release", "-o", output, "-nologo", "-v", "q");
        return Path.Combine(output, "LambdaRuntimeHost.dll");
    }

    private async Task<string> PublishAsync(string work, bool readyToRun)
    {
        var output = Path.Combine(work, readyToRun ? "r2r" : "jit");
        await DotnetAsync("publish", Path.Combine(root, "functions", "RevokeIamPermissions", "RevokeIamPermissions.csproj"), "-c", "Release",
            "-r", "linux-x64", "--self-contained", "false", $"-p:PublishReadyToRun={(readyToRun ? "true" : "false")}", "-o", output, "-nologo", "-v", "q");
        return output;
    }

    private static async Task DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{await stdout}\n{await stderr}");
        }
    }
}
