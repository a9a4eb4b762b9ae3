using Remediation.Core.Hosting;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Remediation.Core.Aws;
using Remediation.Tool.Drill;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.Benchmarks;

/// <summary>
/// End-to-end latency of functions through their handler strings against the local emulation: the cost of building
/// the function (the container's init), the first invocation, warm invocations with distinct findings, and for a
/// remediation the time from the event to the first containment write (from the emulation's request log).
/// The emulation is Python on the same cores, so absolute numbers bound our own overhead from above.
/// </summary>
internal static class EndToEndLatency
{
    private static readonly (string Function, string Event, string? Mode)[] Scenarios =
    [
        ("Notify", "guardduty/recon-maliciousipcaller-user.json", null),
        ("RevokeIamPermissions", "guardduty/credential-exfiltration-outside-aws.json", "enforce"),
    ];

    public static async Task<int> RunAsync(int invocations)
    {
        using var bench = await BenchEmulation.StartAsync();
        foreach (var (name, evt, mode) in Scenarios)
        {
            await MeasureAsync(bench.Template, bench.Stack, bench.Endpoint, bench.Control, name, evt, mode, invocations);
        }
        return 0;
    }

    private static async Task MeasureAsync(SamTemplate template, LocalStack stack, string endpoint, LocalAwsControl control,
        string name, string eventFile, string? mode, int invocations)
    {
        var function = Router.Named(template, name);
        var overrides = mode is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["REMEDIATION_MODE"] = mode };
        var options = new DrillOptions("-", name, endpoint, null, overrides, false, false);
        var environment = FunctionEnvironment.For(function, template, stack, endpoint, options);
        var evt = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Event(eventFile)))!;
        var init = Stopwatch.StartNew();
        var handle = FunctionInvoker.Bind(function.Handler, FunctionInputs.FromVariables(environment, TextWriter.Null));
        init.Stop();
        var totals = new List<double>(invocations);
        var containment = new List<double>(invocations);
        double first = 0;
        for (var i = 0; i <= invocations; i++)
        {
            evt["detail"]!["id"] = $"bench-{name}-{i.ToString(CultureInfo.InvariantCulture)}";
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(evt.ToJsonString()));
            var started = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            await using var output = await handle(input);
            watch.Stop();
            if (i == 0)
            {
                first = watch.Elapsed.TotalMilliseconds;
                continue;
            }
            totals.Add(watch.Elapsed.TotalMilliseconds);
            if (mode is not null && await FirstContainmentWriteAsync(control, started) is { } at)
            {
                containment.Add((at - started).TotalMilliseconds);
            }
        }
        Console.WriteLine($"{name} ({eventFile}{(mode is null ? "" : ", " + mode)}), {invocations} warm invocations");
        Console.WriteLine($"  init (constructor, SDK clients): {init.Elapsed.TotalMilliseconds:0.0} ms");
        Console.WriteLine($"  first invocation:                {first:0.0} ms");
        Console.WriteLine($"  warm p50 / p95 / p99:            {Summary(totals)}");
        if (containment.Count > 0)
        {
            Console.WriteLine($"  event to first containment write p50 / p95 / p99: {Summary(containment)}");
        }
    }

    /// <summary>When the emulation received the first write that is not our own bookkeeping (ledger, topic).</summary>
    private static async Task<DateTimeOffset?> FirstContainmentWriteAsync(LocalAwsControl control, DateTimeOffset since)
    {
        var calls = await control.CallsAsync(CancellationToken.None) ?? [];
        return DrillChanges.From(calls, "123456789012")
            .Zip(calls, (change, raw) => (change, time: DateTimeOffset.Parse(raw.GetProperty("time").GetString()!, CultureInfo.InvariantCulture)))
            .Where(c => c.time >= since && c.change.IsWrite && c.change.Service is not ("dynamodb" or "sns"))
            .Select(c => (DateTimeOffset?)c.time)
            .FirstOrDefault();
    }

    private static string Summary(List<double> samples)
    {
        samples.Sort();
        return $"{Percentile(samples, 50):0.0} / {Percentile(samples, 95):0.0} / {Percentile(samples, 99):0.0} ms";
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
