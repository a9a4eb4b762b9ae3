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
/// Warm invocations of RevokeIamPermissions (in enforce mode, every guardrail on) and of the peer, interleaved one by
/// one against the same emulation: per event, the handler's time and the time from the event to the containing call
/// (when the emulation received it). Each round reports both sides' p50 and p95 and the ratio of the p50s.
/// </summary>
internal sealed class WarmComparison(LocalAwsControl control, AwsClientFactory aws, LocalStack stack, string label)
{
    public sealed record Figures(Samples OursP50, Samples OursP95, Samples PeerP50, Samples PeerP95,
        Samples OursContainP50, Samples PeerContainP50, Samples RatioP50, Samples RatioP95, Samples RatioContain);

    public async Task<Figures> RunAsync(Scenario scenario, Func<Stream, Task<Stream>> ours, PeerProcess peer, int rounds, int perRound)
    {
        var figures = new Figures(new(), new(), new(), new(), new(), new(), new(), new(), new());
        var template = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Event(scenario.EventFile)))!;
        var serial = 0;
        for (var warm = 0; warm < 3; warm++)
        {
            await OursAsync(scenario, ours, template, serial++);
            await PeerAsync(scenario, peer, template, serial++);
        }
        for (var round = 0; round < rounds; round++)
        {
            await EmptyLedgerAsync();
            var (oursTotal, oursContain, peerTotal, peerContain) = (new Samples(), new Samples(), new Samples(), new Samples());
            for (var i = 0; i < perRound; i++)
            {
                // Alternate who goes first, so neither side always meets the emulation just after the other.
                for (var side = 0; side < 2; side++)
                {
                    if ((i + side) % 2 == 0)
                    {
                        var (total, contain) = await OursAsync(scenario, ours, template, serial++);
                        oursTotal.Add(total);
                        oursContain.Add(contain);
                    }
                    else
                    {
                        var (total, contain) = await PeerAsync(scenario, peer, template, serial++);
                        peerTotal.Add(total);
                        peerContain.Add(contain);
                    }
                }
            }
            figures.OursP50.Add(oursTotal.Median);
            figures.OursP95.Add(oursTotal.Percentile(95));
            figures.PeerP50.Add(peerTotal.Median);
            figures.PeerP95.Add(peerTotal.Percentile(95));
            figures.OursContainP50.Add(oursContain.Median);
            figures.PeerContainP50.Add(peerContain.Median);
            figures.RatioP50.Add(oursTotal.Median / peerTotal.Median);
            figures.RatioP95.Add(oursTotal.Percentile(95) / peerTotal.Percentile(95));
            figures.RatioContain.Add(oursContain.Median / peerContain.Median);
        }
        return figures;
    }

    private async Task<(double Total, double Contain)> OursAsync(Scenario scenario, Func<Stream, Task<Stream>> ours, JsonNode template, int serial)
    {
        var evt = Fresh(template, scenario, serial);
        await control.ClearCallsAsync(CancellationToken.None);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(evt));
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        await using var output = await ours(input);
        watch.Stop();
        var contain = await ContainedAtAsync(scenario) - started;
        if (Environment.GetEnvironmentVariable("BENCH_TRACE") is not null)
        {
            foreach (var c in await control.CallsAsync(CancellationToken.None) ?? [])
            {
                var t0 = (DateTimeOffset.Parse(c.GetProperty("time").GetString()!, CultureInfo.InvariantCulture) - started).TotalMilliseconds;
                var t1 = (DateTimeOffset.Parse(c.GetProperty("ended").GetString()!, CultureInfo.InvariantCulture) - started).TotalMilliseconds;
                Console.WriteLine($"   {t0,7:F1} .. {t1,7:F1}  {c.GetProperty("service").GetString()} {c.GetProperty("operation").GetString()}");
            }
            Console.WriteLine($"   total {watch.Elapsed.TotalMilliseconds:F1}");
        }
        await scenario.ResetAsync(aws, stack.DenyAllPolicyArn);
        return (watch.Elapsed.TotalMilliseconds, contain.TotalMilliseconds);
    }

    private async Task<(double Total, double Contain)> PeerAsync(Scenario scenario, PeerProcess peer, JsonNode template, int serial)
    {
        var evt = Fresh(template, scenario, serial);
        await control.ClearCallsAsync(CancellationToken.None);
        var (milliseconds, started) = await peer.HandleAsync(evt);
        var contain = await ContainedAtAsync(scenario) - started;
        await scenario.ResetAsync(aws, stack.DenyAllPolicyArn);
        return (milliseconds, contain.TotalMilliseconds);
    }

    /// <summary>
    /// Every round starts from an empty ledger: moto copies a whole table for each TransactWriteItems (to undo a failed
    /// transaction), so its cost grows with the table, which DynamoDB's does not (docs/aws-reference.md §B7).
    /// </summary>
    private async Task EmptyLedgerAsync()
    {
        var items = await aws.DynamoDb.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = stack.LedgerTable, ProjectionExpression = "pk" });
        foreach (var item in items.Items ?? [])
        {
            await aws.DynamoDb.DeleteItemAsync(new Amazon.DynamoDBv2.Model.DeleteItemRequest { TableName = stack.LedgerTable, Key = item });
        }
    }

    /// <summary>A new finding id per invocation: neither side may treat it as a duplicate.</summary>
    private string Fresh(JsonNode template, Scenario scenario, int serial)
    {
        var evt = template.DeepClone();
        var id = $"{scenario.Name}-{label}-{serial.ToString(CultureInfo.InvariantCulture)}";
        evt["id"] = "bench-event-" + id;
        evt["detail"]!["id"] = "bench-finding-" + id;
        return evt.ToJsonString();
    }

    /// <summary>When the emulation received the containing call (it logs each request's arrival).</summary>
    private async Task<DateTimeOffset> ContainedAtAsync(Scenario scenario)
    {
        var calls = await control.CallsAsync(CancellationToken.None) ?? [];
        var call = calls.FirstOrDefault(c => c.GetProperty("operation").GetString() == scenario.ContainingCall && c.GetProperty("status").GetInt32() < 300);
        return call.ValueKind == JsonValueKind.Undefined
            ? throw new InvalidOperationException($"no {scenario.ContainingCall} in the emulation's log: the {scenario.Name} scenario did not contain")
            : DateTimeOffset.Parse(call.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Our function bound through its handler string, as the drill does, in enforce mode.</summary>
    public static Func<Stream, Task<Stream>> Ours(SamTemplate template, LocalStack stack, string endpoint, string function)
    {
        var resource = Router.Named(template, function);
        var options = new DrillOptions("-", function, endpoint, null, new Dictionary<string, string> { ["REMEDIATION_MODE"] = "enforce" }, false, false);
        var environment = FunctionEnvironment.For(resource, template, stack, endpoint, options);
        return FunctionInvoker.Bind(resource.Handler, FunctionInputs.FromVariables(environment, TextWriter.Null));
    }
}
