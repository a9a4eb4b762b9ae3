using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Remediation.Core.Aws;
using Remediation.Core.Hosting;
using Remediation.Tool.Drill;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.Benchmarks.Compare;

/// <summary>
/// <c>sweep [jobs] [repeats]</c>: a compromised SageMaker execution role with that many in-progress training jobs
/// (and a tenth as many of another role, left running). StopTrainingJob handles the GuardDuty finding on the role in
/// enforce mode; the peer (Peer/peer_sweep.py) is the least a boto3 script must do. Each repeat starts from the same
/// freshly seeded world, the two sides alternating; reports time, AWS calls and jobs stopped.
/// </summary>
internal static class SweepComparison
{
    private const string Role = "arn:aws:iam::123456789012:role/sagemaker-exec";

    public static async Task<int> RunAsync(string[] args)
    {
        var jobs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Repo.Event("x")))!;
        using var emulation = await LocalAwsProcess.StartAsync(root, TimeSpan.FromSeconds(90));
        using var control = new LocalAwsControl(emulation.Endpoint);
        using var aws = new AwsClientFactory(AwsClientSettings.ForEndpoint(emulation.Endpoint));
        var template = SamTemplate.Load(Path.Combine(root, "template.yaml"));
        var world = World(jobs);
        var evt = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Event("guardduty/sagemaker-exec-role-anomalous-exfiltration.json")))!;
        var (oursMs, peerMs, ratio) = (new Samples(), new Samples(), new Samples());
        int oursCalls = 0, peerCalls = 0;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            double ours = 0, peer = 0;
            foreach (var side in repeat % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                await control.ResetAsync(CancellationToken.None);
                await control.SeedAsync(world, CancellationToken.None);
                var stack = await LocalStack.EnsureAsync(aws, "123456789012", CancellationToken.None);
                await control.ClearCallsAsync(CancellationToken.None);
                if (side == 0)
                {
                    (ours, oursCalls) = await OursAsync(template, stack, emulation.Endpoint, control, evt, repeat, jobs);
                }
                else
                {
                    (peer, peerCalls) = await PeerAsync(root, emulation.Endpoint, jobs);
                }
            }
            oursMs.Add(ours);
            peerMs.Add(peer);
            ratio.Add(ours / peer);
        }
        Console.WriteLine($"# StopTrainingJob sweep of {jobs} in-progress jobs of one role (+{jobs / 10} of another), {repeats} repeats, alternating; median (min–max)");
        Console.WriteLine();
        Console.WriteLine("| Measure | Ours | Peer | Ours / peer | Goal |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| Sweep of {jobs} jobs (ms) | {oursMs.Spread("0")} | {peerMs.Spread("0")} | {ratio.Spread("0.00")} | ≤ 1.50 |");
        Console.WriteLine($"| AWS calls | {oursCalls} | {peerCalls} | {(double)oursCalls / peerCalls:0.00} | O(jobs) |");
        return 0;
    }

    private static async Task<(double Ms, int Calls)> OursAsync(SamTemplate template, LocalStack stack, string endpoint, LocalAwsControl control,
        JsonNode template0, int repeat, int jobs)
    {
        var function = Router.Named(template, "StopTrainingJob");
        var overrides = new Dictionary<string, string>
        {
            ["REMEDIATION_MODE"] = "enforce",
            // The storm breaker would (rightly) hold a thousand stops; this measures the sweep, not the breaker.
            ["BREAKER_MAX_TARGETS"] = "10000",
            ["BREAKER_MAX_TARGETS_PER_SOURCE"] = "10000",
        };
        var options = new DrillOptions("-", "StopTrainingJob", endpoint, null, overrides, false, false);
        var environment = FunctionEnvironment.For(function, template, stack, endpoint, options);
        var handle = FunctionInvoker.Bind(function.Handler, FunctionInputs.FromVariables(environment, TextWriter.Null));
        var evt = template0.DeepClone();
        evt["detail"]!["id"] = $"sweep-{repeat.ToString(CultureInfo.InvariantCulture)}";
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(evt.ToJsonString()));
        var watch = Stopwatch.StartNew();
        await using var output = await handle(input);
        watch.Stop();
        using var result = await JsonDocument.ParseAsync(output);
        var calls = await control.CallsAsync(CancellationToken.None) ?? [];
        var stops = calls.Count(c => c.GetProperty("operation").GetString() == "StopTrainingJob" && c.GetProperty("status").GetInt32() < 300);
        if (stops != jobs)
        {
            throw new InvalidOperationException($"StopTrainingJob stopped {stops} of {jobs} jobs: {result.RootElement}");
        }
        return (watch.Elapsed.TotalMilliseconds, calls.Count(c => c.GetProperty("service").GetString() is not ("dynamodb" or "sns")));
    }

    private static async Task<(double Ms, int Calls)> PeerAsync(string root, string endpoint, int jobs)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(root, "tests", "Remediation.Benchmarks", "Peer", "peer_sweep.py"), "--endpoint", endpoint, "--role-arn", Role })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the peer sweep printed nothing (python3 with boto3 needed)");
        await process.WaitForExitAsync();
        using var reply = JsonDocument.Parse(line);
        var stopped = reply.RootElement.GetProperty("stopped").GetInt32();
        return stopped == jobs
            ? (reply.RootElement.GetProperty("ms").GetDouble(), reply.RootElement.GetProperty("calls").GetInt32())
            : throw new InvalidOperationException($"the peer stopped {stopped} of {jobs} jobs");
    }

    /// <summary>The role and its jobs, interleaved with another role's, so every page mixes them.</summary>
    private static string World(int jobs)
    {
        const string trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        var list = new List<string>(jobs + jobs / 10);
        for (var i = 0; i < jobs; i++)
        {
            list.Add($$"""{"name":"exec-job-{{i:0000}}","roleArn":"{{Role}}"}""");
            if (i % 10 == 9)
            {
                list.Add($$"""{"name":"other-job-{{i / 10:000}}","roleArn":"arn:aws:iam::123456789012:role/ml-sandbox-exec"}""");
            }
        }
        return $$"""
            {"account":"123456789012","region":"us-east-1",
             "roles":[{"name":"sagemaker-exec","path":"/","trustPolicy":{{trust}}},{"name":"ml-sandbox-exec","path":"/","trustPolicy":{{trust}}}],
             "trainingJobs":[{{string.Join(",", list)}}]}
            """;
    }
}
