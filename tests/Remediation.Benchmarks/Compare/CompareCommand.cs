using System.Globalization;
using Remediation.Core.Aws;
using Remediation.Tool.Drill;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.Benchmarks.Compare;

/// <summary>
/// <c>compare [rounds] [events per round] [cold runs]</c>: RevokeIamPermissions beside the peer baseline in one run,
/// interleaved, on one local emulation; prints the README's table (medians over rounds, with their min–max).
/// </summary>
internal static class CompareCommand
{
    private const string Function = "RevokeIamPermissions";

    // A same-region AWS API round trip is tens of milliseconds; 20 ms is a conservative stand-in.
    private const int RoundTripMs = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = Arg(args, 1, 5);
        var perRound = Arg(args, 2, 40);
        var coldRuns = Arg(args, 3, 7);
        using var bench = await BenchEmulation.StartAsync();
        var (root, emulation, control, aws, stack, template) = (bench.Root, bench, bench.Control, bench.Aws, bench.Stack, bench.Template);
        var peerArguments = PeerProcess.Arguments(root, emulation.Endpoint, stack.LedgerTable, stack.TopicArn, stack.DenyAllPolicyArn);

        Console.WriteLine($"# {Function} beside the peer baseline: {rounds} rounds of {perRound} events per side, interleaved; {coldRuns} cold runs per side");
        Console.WriteLine($"# {DateTimeOffset.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores; figures: median over rounds (min–max)");
        Console.WriteLine();
        Console.WriteLine("| Measure | Ours | Peer | Ours / peer | Goal |");
        Console.WriteLine("|---|---|---|---|---|");
        var ours = WarmComparison.Ours(template, stack, emulation.Endpoint, Function);
        using (var peer = await PeerProcess.StartAsync(peerArguments))
        {
            // The emulation answers in a few milliseconds of Python on the same two cores, so it rewards fewer calls and
            // cannot reward concurrent ones; AWS answers in tens of milliseconds, concurrent calls overlapping. Both are shown.
            foreach (var latency in new[] { 0, RoundTripMs })
            {
                var label = latency == 0 ? "emulation as is" : $"+{latency} ms per call";
                await control.SetFaultsAsync(latency == 0 ? null : $$"""{"faults": [{"service": "*", "latencyMs": {{latency}}, "count": 1000000}]}""", CancellationToken.None);
                var warm = new WarmComparison(control, aws, stack, latency.ToString(CultureInfo.InvariantCulture));
                foreach (var scenario in new[] { Scenario.User, Scenario.Role })
                {
                    var f = await warm.RunAsync(scenario, ours, peer, rounds, perRound);
                    Row($"Warm p50, {scenario.Name} finding, {label} (ms)", f.OursP50, f.PeerP50, f.RatioP50, "≤ 0.70");
                    Row($"Warm p95, {scenario.Name} finding, {label} (ms)", f.OursP95, f.PeerP95, f.RatioP95, "≤ 1.00");
                    Row($"Event to {scenario.ContainingCall}, p50, {label} (ms)", f.OursContainP50, f.PeerContainP50, f.RatioContain, "");
                }
            }
            await control.SetFaultsAsync(null, CancellationToken.None);
        }
        if (coldRuns == 0)
        {
            return 0;
        }
        var resource = Router.Named(template, Function);
        var options = new DrillOptions("-", Function, emulation.Endpoint, null, new Dictionary<string, string> { ["REMEDIATION_MODE"] = "enforce" }, false, false);
        var environment = FunctionEnvironment.For(resource, template, stack, emulation.Endpoint, options);
        var cold = await new ColdComparison(root, resource.Handler, environment, peerArguments).RunAsync(coldRuns);
        var peerCold = cold[^1];
        foreach (var side in cold.Take(cold.Count - 1))
        {
            var ratio = new Samples();
            ratio.Add(side.Milliseconds.Median / peerCold.Milliseconds.Median);
            Row($"Cold start, {side.Name} (ms)", side.Milliseconds, peerCold.Milliseconds, ratio, side.Name.EndsWith("ReadyToRun", StringComparison.Ordinal) ? "≤ 0.80" : "");
            Row($"Peak RSS, {side.Name} (MiB)", side.PeakRssMiB, peerCold.PeakRssMiB, null, "");
        }
        return 0;
    }

    private static void Row(string measure, Samples ours, Samples peer, Samples? ratio, string goal) =>
        Console.WriteLine($"| {measure} | {ours.Spread()} | {peer.Spread()} | {(ratio is null ? "" : ratio.Spread("0.00"))} | {goal} |");

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
