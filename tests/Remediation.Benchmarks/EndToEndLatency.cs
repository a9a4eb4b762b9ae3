using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Remediation.Core.Aws;
using Remediation.Tool.Drill;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.Benchmarks;

/// <summary>
/// End-to-end latency of a function through its handler string against the local emulation: the cost of building the
/// function (the container's init), the first invocation, and warm invocations with distinct findings.
/// The emulation is in-process Python on loopback, so absolute numbers are an upper bound on our own overhead.
/// </summary>
internal static class EndToEndLatency
{
    public static async Task<int> RunAsync(int invocations)
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Repo.Event("x")))!;
        using var emulation = await LocalAwsProcess.StartAsync(root, TimeSpan.FromSeconds(90));
        using var control = new LocalAwsControl(emulation.Endpoint);
        await control.SeedAsync(await File.ReadAllTextAsync(Path.Combine(root, "events", "world.json")), CancellationToken.None);
        using var aws = new AwsClientFactory(AwsClientSettings.ForEndpoint(emulation.Endpoint));
        var stack = await LocalStack.EnsureAsync(aws, "123456789012", CancellationToken.None);
        var template = SamTemplate.Load(Path.Combine(root, "template.yaml"));
        var function = Router.Named(template, "Notify");
        var options = new DrillOptions("-", "Notify", emulation.Endpoint, null, new Dictionary<string, string>(), false, false);
        foreach (var (name, value) in FunctionEnvironment.For(function, template, stack, emulation.Endpoint, options))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
        var template_event = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Event("guardduty/recon-maliciousipcaller-user.json")))!;

        var quiet = Console.Out;
        Console.SetOut(TextWriter.Null);
        var init = Stopwatch.StartNew();
        var handle = FunctionInvoker.Bind(function.Handler);
        init.Stop();
        var samples = new List<double>(invocations);
        double first = 0;
        for (var i = 0; i <= invocations; i++)
        {
            template_event["detail"]!["id"] = "bench" + i.ToString(CultureInfo.InvariantCulture);
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(template_event.ToJsonString()));
            var watch = Stopwatch.StartNew();
            await using var output = await handle(input);
            watch.Stop();
            if (i == 0)
            {
                first = watch.Elapsed.TotalMilliseconds;
            }
            else
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        Console.SetOut(quiet);
        samples.Sort();
        Console.WriteLine($"Notify end to end against LocalAws, {invocations} warm invocations (claim, 2 ledger writes, 1 SNS publish each)");
        Console.WriteLine($"  init (constructor, SDK clients): {init.Elapsed.TotalMilliseconds:0.0} ms");
        Console.WriteLine($"  first invocation:                {first:0.0} ms");
        Console.WriteLine($"  warm p50 / p95 / p99:            {Percentile(samples, 50):0.0} / {Percentile(samples, 95):0.0} / {Percentile(samples, 99):0.0} ms");
        return 0;
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
