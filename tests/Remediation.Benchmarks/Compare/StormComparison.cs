using System.Globalization;
using System.Text.Json;
using Remediation.Benchmarks.Storm;
using Remediation.Core.Aws;
using Remediation.Tool.Drill;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.Benchmarks.Compare;

/// <summary>
/// <c>storm [principals] [deliveries per principal] [concurrency] [repeats]</c>: a storm of GuardDuty credential
/// findings (<see cref="StormEvents"/>) through RevokeIamPermissions and through the peer, each side with that many
/// workers (function instances, peer processes) on the same emulation; one warm-up storm per side, then repeats
/// alternating who goes first; once as the emulation answers, once with 20 ms added to every answer (an AWS-like round
/// trip, where calls saved count more than CPU). Reports throughput, containments, notifications, repeated writes.
/// </summary>
internal static class StormComparison
{
    private const string Function = "RevokeIamPermissions";

    public static async Task<int> RunAsync(string[] args)
    {
        var principals = Arg(args, 1, 50);
        var perPrincipal = Arg(args, 2, 20);
        var concurrency = Arg(args, 3, 8);
        var repeats = Arg(args, 4, 3);
        using var bench = await BenchEmulation.StartAsync();
        var events = StormEvents.Events(await File.ReadAllTextAsync(Repo.Event("guardduty/anomalous-behavior-iam-user.json")), principals, perPrincipal, seed: 13);
        Console.WriteLine($"# Storm: {events.Count} deliveries for {principals} users ({perPrincipal} each: GuardDuty updates and redeliveries), {concurrency} at a time; {repeats} repeats after a warm-up, median (min–max)");
        Console.WriteLine();
        Console.WriteLine("| Measure | Ours | Peer | Ours / peer | Goal |");
        Console.WriteLine("|---|---|---|---|---|");
        var met = true;
        foreach (var latency in new[] { 0, 20 })
        {
            met &= await StormAsync(bench, events, principals, concurrency, repeats, latency);
        }
        return met ? 0 : 1;
    }

    private static async Task<bool> StormAsync(BenchEmulation bench, IReadOnlyList<string> events, int principals, int concurrency, int repeats, int latency)
    {
        var (ours, peer, ratio) = (new Samples(), new Samples(), new Samples());
        var (oursTally, peerTally) = (default(StormTally), default(StormTally));
        var (oursRetries, oursCalls, peerCalls) = (0, 0, 0);
        for (var repeat = 0; repeat <= repeats; repeat++)
        {
            double oursRate = 0, peerRate = 0;
            foreach (var side in repeat % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                var stack = await FreshWorldAsync(bench, principals, latency);
                if (side == 0)
                {
                    var handlers = Enumerable.Range(0, concurrency).Select(_ => OursInstance(bench, stack)).ToList();
                    var outcome = await StormDriver.RunAsync(events, concurrency, i => StormDriver.Over(handlers[i]));
                    (oursRate, (oursTally, oursCalls), oursRetries) = (events.Count / outcome.Elapsed.TotalSeconds, await TallyAsync(bench), outcome.Retries);
                }
                else
                {
                    var arguments = PeerProcess.Arguments(bench.Root, bench.Endpoint, stack.LedgerTable, stack.TopicArn, stack.DenyAllPolicyArn);
                    var peers = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => PeerProcess.StartAsync(arguments)));
                    try
                    {
                        var outcome = await StormDriver.RunAsync(events, concurrency, i => async evt => { await peers[i].HandleAsync(evt); return true; });
                        (peerRate, (peerTally, peerCalls)) = (events.Count / outcome.Elapsed.TotalSeconds, await TallyAsync(bench));
                    }
                    finally
                    {
                        foreach (var p in peers)
                        {
                            p.Dispose();
                        }
                    }
                }
            }
            if (repeat > 0)
            {
                ours.Add(oursRate);
                peer.Add(peerRate);
                ratio.Add(oursRate / peerRate);
            }
        }
        var label = latency == 0 ? "emulation as is" : $"+{latency} ms per call";
        Console.WriteLine($"| Throughput, {label} (events/s) | {ours.Spread("0")} | {peer.Spread("0")} | {ratio.Spread("0.00")} | ≥ 1.00 |");
        Console.WriteLine($"| Users contained, {label} | {oursTally!.Contained} | {peerTally!.Contained} | | {principals} |");
        Console.WriteLine($"| Notifications, {label} | {oursTally.Notifications} | {peerTally.Notifications} | | {principals} |");
        Console.WriteLine($"| Repeated writes, {label} | {oursTally.RepeatedWrites} | {peerTally.RepeatedWrites} | | 0 |");
        Console.WriteLine($"| AWS calls, {label} | {oursCalls} | {peerCalls} | | |");
        Console.WriteLine($"| Deliveries retried (incident held by another instance), {label} | {oursRetries} | n/a | | |");
        return oursTally.Contained == principals && oursTally.Notifications == principals && oursTally.RepeatedWrites == 0;
    }

    private static async Task<LocalStack> FreshWorldAsync(BenchEmulation bench, int principals, int latency)
    {
        await bench.Control.ResetAsync(CancellationToken.None);
        await bench.Control.SeedAsync(StormEvents.World(principals), CancellationToken.None);
        var stack = await LocalStack.EnsureAsync(bench.Aws, "123456789012", CancellationToken.None);
        await bench.Control.ClearCallsAsync(CancellationToken.None);
        await bench.Control.SetFaultsAsync(latency == 0 ? null : $$"""{"faults": [{"service": "*", "latencyMs": {{latency}}, "count": 1000000}]}""", CancellationToken.None);
        return stack;
    }

    /// <summary>One function instance (one execution environment), enforce mode; the breaker lets the storm's users through.</summary>
    private static Func<Stream, Task<Stream>> OursInstance(BenchEmulation bench, LocalStack stack)
    {
        var resource = Router.Named(bench.Template, Function);
        var overrides = new Dictionary<string, string>
        {
            ["REMEDIATION_MODE"] = "enforce",
            ["BREAKER_MAX_TARGETS"] = "1000",
            ["BREAKER_MAX_TARGETS_PER_SOURCE"] = "1000",
        };
        var options = new DrillOptions("-", Function, bench.Endpoint, null, overrides, false, false);
        var environment = FunctionEnvironment.For(resource, bench.Template, stack, bench.Endpoint, options);
        return Remediation.Tool.Drill.FunctionInvoker.Bind(resource.Handler, Remediation.Core.Hosting.FunctionInputs.FromVariables(environment, TextWriter.Null));
    }

    private static async Task<(StormTally Tally, int Calls)> TallyAsync(BenchEmulation bench)
    {
        var calls = await bench.Control.CallsAsync(CancellationToken.None) ?? [];
        if (Environment.GetEnvironmentVariable("BENCH_TRACE") is not null)
        {
            foreach (var group in calls.GroupBy(c => $"{c.GetProperty("service").GetString()} {c.GetProperty("operation").GetString()} {c.GetProperty("status").GetInt32()}").OrderByDescending(g => g.Count()))
            {
                Console.WriteLine($"   {group.Count(),6}  {group.Key}");
            }
        }
        return (StormTally.Of(calls.Select(c => (
            c.GetProperty("service").GetString()!,
            c.GetProperty("operation").GetString()!,
            c.GetProperty("status").GetInt32(),
            c.GetProperty("parameters") is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("UserName", out var user) ? user.GetString() : null))), calls.Length);
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
