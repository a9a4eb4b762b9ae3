using System.Text;
using Remediation.Tool.Drill;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.Tool.Commands;

/// <summary>held and release: the incidents the breaker holds, and running one of them past it now.</summary>
internal static class HeldCommands
{
    private const string EmulationAccount = "123456789012";

    public static async Task<int> HeldAsync(IReadOnlyList<string> args, TextWriter o, CancellationToken ct)
    {
        var options = LedgerOptions.Parse(args, allowExecute: false);
        using var aws = LedgerOptions.Factory(options.Endpoint);
        var held = (await LedgerOptions.Ledger(aws, options.Table).ListAsync(ct)).Where(r => r.State == IncidentState.Held).ToList();
        o.WriteLine(held.Count == 0 ? $"No held incidents in {options.Table}." : $"{held.Count} held incident(s) in {options.Table} (remediate release <incident-id> runs one now):");
        foreach (var r in held)
        {
            o.WriteLine($"{r.IncidentId}  {r.UpdatedAt:yyyy-MM-dd HH:mm:ss}Z  {r.Function,-22} {r.FindingType}  {r.Reason}");
        }
        return 0;
    }

    /// <summary>
    /// Marks the incident released, then delivers its event again: in-process against the emulation; against real AWS
    /// the event is written to a file and the exact asynchronous <c>aws lambda invoke</c> is printed (the invocation then
    /// keeps Lambda's retries and the dead-letter queue).
    /// </summary>
    public static async Task<int> ReleaseAsync(IReadOnlyList<string> args, TextWriter o, CancellationToken ct)
    {
        var options = LedgerOptions.Parse(args, allowExecute: true);
        var incidentId = options.Positional.Count == 1 ? options.Positional[0] : throw new UsageException("release needs exactly one incident id");
        using var aws = LedgerOptions.Factory(options.Endpoint);
        var ledger = LedgerOptions.Ledger(aws, options.Table);
        var record = await ledger.GetAsync(incidentId, ct) ?? throw new UsageException($"no incident {incidentId} in {options.Table}");
        if (record.State != IncidentState.Held)
        {
            throw new UsageException($"incident {incidentId} is {record.State}, not held");
        }
        if (record.HeldEvent is null)
        {
            throw new UsageException($"incident {incidentId} kept no event (over 100 KB); release it by delivering the finding again");
        }
        if (options.Endpoint is null && !options.Execute)
        {
            o.WriteLine($"Dry-run against real AWS (add --execute): would release {incidentId} ({record.Function}, {record.FindingType}) past the breaker and deliver its event again.");
            return 0;
        }
        await IncidentRelease.ReleaseAsync(ledger, incidentId, TimeProvider.System, ct);
        if (options.Endpoint is null)
        {
            var file = Path.GetFullPath(incidentId + ".event.json");
            await File.WriteAllTextAsync(file, record.HeldEvent, ct);
            o.WriteLine($"Released {incidentId}. Deliver it now (asynchronously, so Lambda's retries and the DLQ apply):");
            o.WriteLine($"  aws lambda invoke --function-name <the stack's {record.Function}FunctionName output> --invocation-type Event --payload fileb://{file} /dev/null");
            return 0;
        }
        var template = SamTemplate.Load(Path.Combine(RepoPaths.Root(), "template.yaml"));
        var function = Router.Named(template, record.Function);
        var stack = await LocalStack.EnsureAsync(aws, EmulationAccount, ct);
        var env = FunctionEnvironment.For(function, template, stack, options.Endpoint,
            new DrillOptions("-", record.Function, options.Endpoint, null, options.Env, false, false));
        var invocation = await FunctionInvoker.InvokeAsync(function, env, Encoding.UTF8.GetBytes(record.HeldEvent));
        o.WriteLine($"Released {incidentId} and ran {record.Function}: {invocation.Outcome.Word()}");
        foreach (var action in invocation.Result.GetProperty("actions").EnumerateArray())
        {
            o.WriteLine($"  [{action.GetProperty("status").GetString()}] {action.GetProperty("kind").GetString()} {action.GetProperty("target").GetString()}");
        }
        return invocation.Outcome == IncidentOutcome.Failed ? 1 : 0;
    }
}
