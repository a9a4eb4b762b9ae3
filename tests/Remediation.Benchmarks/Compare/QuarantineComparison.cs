using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Remediation.Tool.Drill;
using Remediation.Tool.Local;

namespace Remediation.Benchmarks.Compare;

/// <summary>
/// <c>quarantine [MiB] [repeats]</c>: QuarantineS3Object on one object of that size, seeded with an S3 checksum
/// (CRC32, as the AWS SDKs upload by default) and without one (an object from before S3's default checksums), and the
/// same object above the multipart threshold; alternating. Reports time and bytes read (GetObject data, from the
/// emulation's log) against the object's size. The read-it-back path is what verification cost before checksums.
/// </summary>
internal static class QuarantineComparison
{
    private const string Function = "QuarantineS3Object";

    private sealed record Case(string Name, string Checksum, bool Multipart);

    private static readonly Case[] Cases =
    [
        new("S3 checksum (CRC32), single copy", "CRC32", false),
        new("no checksum, single copy", "none", false),
        new("S3 checksum (CRC32), multipart copy", "CRC32", true),
        new("no checksum, multipart copy", "none", true),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var mebibytes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var size = mebibytes * 1024L * 1024L;
        using var bench = await BenchEmulation.StartAsync();
        var times = Cases.ToDictionary(c => c, _ => new Samples());
        var ratios = Cases.ToDictionary(c => c, _ => new Samples());
        for (var repeat = 0; repeat <= repeats; repeat++)
        {
            foreach (var c in repeat % 2 == 0 ? Cases : Cases.Reverse())
            {
                var (ms, read) = await OnceAsync(bench, c, size, repeat);
                if (repeat > 0)
                {
                    times[c].Add(ms);
                    ratios[c].Add((double)read / size);
                }
            }
        }
        Console.WriteLine($"# QuarantineS3Object on a {mebibytes} MiB object, {repeats} repeats after a warm-up, alternating; median (min–max)");
        Console.WriteLine();
        Console.WriteLine("| Source version | Quarantine (ms) | Bytes read / object size |");
        Console.WriteLine("|---|---|---|");
        foreach (var c in Cases)
        {
            Console.WriteLine($"| {c.Name} | {times[c].Spread("0")} | {ratios[c].Spread("0.00")} |");
        }
        return 0;
    }

    private static async Task<(double Ms, long Read)> OnceAsync(BenchEmulation bench, Case c, long size, int repeat)
    {
        await bench.Control.ResetAsync(CancellationToken.None);
        var body = new string('w', (int)size);
        await bench.Control.SeedAsync($$"""
            {"account":"123456789012","region":"us-east-1","buckets":[{"name":"ml-data","versioning":true,
             "objects":[{"key":"train/weights.bin","body":"{{body}}","versionId":"v1","checksum":"{{c.Checksum}}"}]}]}
            """, CancellationToken.None);
        var stack = await LocalStack.EnsureAsync(bench.Aws, "123456789012", CancellationToken.None);
        await bench.Control.ClearCallsAsync(CancellationToken.None);
        var evt = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Event("guardduty/malware-object-scan-threats-found.json")))!;
        var details = evt["detail"]!["s3ObjectDetails"]!;
        (details["bucketName"], details["objectKey"], details["versionId"], details["eTag"]) = ("ml-data", "train/weights.bin", "v1", "");
        evt["id"] = $"bench-quarantine-{repeat}-{c.Checksum}-{c.Multipart}";
        var overrides = new Dictionary<string, string> { ["REMEDIATION_MODE"] = "enforce", ["QUARANTINE_STOP_JOBS"] = "false" };
        if (c.Multipart)
        {
            overrides["QUARANTINE_MULTIPART_THRESHOLD_BYTES"] = Math.Max(5L * 1024 * 1024, size / 4).ToString(CultureInfo.InvariantCulture);
        }
        var resource = Router.Named(bench.Template, Function);
        var options = new DrillOptions("-", Function, bench.Endpoint, null, overrides, false, false);
        var environment = FunctionEnvironment.For(resource, bench.Template, stack, bench.Endpoint, options);
        var watch = Stopwatch.StartNew();
        var invocation = await FunctionInvoker.InvokeAsync(resource, environment, System.Text.Encoding.UTF8.GetBytes(evt.ToJsonString()));
        watch.Stop();
        if (invocation.Outcome != Remediation.Core.Incidents.IncidentOutcome.Remediated)
        {
            throw new InvalidOperationException($"{c.Name}: {invocation.Result}");
        }
        var calls = await bench.Control.CallsAsync(CancellationToken.None) ?? [];
        if (Environment.GetEnvironmentVariable("BENCH_TRACE") is not null)
        {
            foreach (var x in calls)
            {
                Console.WriteLine($"   {c.Name}: {x.GetProperty("time").GetString()} .. {x.GetProperty("ended").GetString()} {x.GetProperty("service").GetString()} {x.GetProperty("operation").GetString()} {x.GetProperty("status").GetInt32()} {x.GetProperty("path").GetString()}");
            }
        }
        var read = calls.Where(x => x.GetProperty("operation").GetString() == "GetObject")
            .Sum(x => x.TryGetProperty("responseBytes", out var b) ? b.GetInt64() : 0);
        return (watch.Elapsed.TotalMilliseconds, read);
    }
}
