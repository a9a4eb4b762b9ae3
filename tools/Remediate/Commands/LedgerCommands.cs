using Remediation.Core.Actions;
using Remediation.Core.Aws;
using Remediation.Core.Configuration;
using Remediation.Core.Ledger;
using Remediation.Core.Pipeline;

namespace Remediation.Tool.Commands;

/// <summary>rollback and incidents: read the ledger, and apply recorded inverses.</summary>
internal static class LedgerCommands
{
    public static async Task<int> IncidentsAsync(IReadOnlyList<string> args, TextWriter o, CancellationToken ct)
    {
        var (endpoint, table, _) = Common(args, allowExecute: false);
        using var aws = Factory(endpoint);
        var ledger = Ledger(aws, table);
        var records = await ledger.ListAsync(ct);
        if (records.Count == 0)
        {
            o.WriteLine($"No incidents in {table}.");
        }
        foreach (var r in records)
        {
            o.WriteLine($"{r.IncidentId}  {r.UpdatedAt:yyyy-MM-dd HH:mm:ss}Z  {r.Function,-22} {r.State,-10} {r.Outcome ?? "-",-10} {r.Subject ?? r.FindingType}");
        }
        return 0;
    }

    public static async Task<int> RollbackAsync(IReadOnlyList<string> args, TextWriter o, CancellationToken ct)
    {
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal) || args[i - 1] == "--execute")).ToList();
        var incidentId = positional.Count == 1 ? positional[0] : throw new UsageException("rollback needs exactly one incident id");
        var (endpoint, table, execute) = Common(args, allowExecute: true);
        using var aws = Factory(endpoint);
        var ledger = Ledger(aws, table);
        var record = await ledger.GetAsync(incidentId, ct) ?? throw new UsageException($"no incident {incidentId} in {table}");
        var inverses = record.Actions.Where(a => a.Status == ActionStatuses.Done && a.Inverse is not null).Reverse().ToList();
        if (endpoint is null && !execute)
        {
            o.WriteLine($"Dry-run against real AWS (add --execute to apply). {inverses.Count} inverse action(s), newest first:");
            foreach (var a in inverses)
            {
                o.WriteLine($"  would {a.Inverse!.Kind} {a.Inverse.Target}: {a.Inverse.Reason}");
            }
            return 0;
        }
        var runner = new RollbackRunner(ledger, new PlanExecutor(ActionCatalog.All(aws, TimeProvider.System)), TimeProvider.System);
        var done = await runner.RollbackAsync(incidentId, ct);
        o.WriteLine($"Incident {incidentId}: {done.State}");
        foreach (var a in done.Rollback)
        {
            o.WriteLine($"  [{a.Status}] {a.Kind} {a.Target}  {a.Detail}");
        }
        return done.Rollback.Any(a => a.Status == ActionStatuses.Failed) ? 1 : 0;
    }

    private static (string? Endpoint, string Table, bool Execute) Common(IReadOnlyList<string> args, bool allowExecute)
    {
        string? endpoint = null;
        var table = Environment.GetEnvironmentVariable("LEDGER_TABLE") is { Length: > 0 } t ? t : Local.LocalStack.TableName;
        var execute = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--endpoint-url": endpoint = ++i < args.Count ? args[i] : throw new UsageException("--endpoint-url needs a value"); break;
                case "--table": table = ++i < args.Count ? args[i] : throw new UsageException("--table needs a value"); break;
                case "--execute" when allowExecute: execute = true; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): throw new UsageException($"unknown option {a}");
            }
        }
        return (endpoint, table, execute);
    }

    private static AwsClientFactory Factory(string? endpoint) =>
        endpoint is null ? new AwsClientFactory() : new AwsClientFactory(AwsClientSettings.ForEndpoint(endpoint));

    private static IncidentLedger Ledger(AwsClientFactory aws, string table)
    {
        var settings = RemediationSettings.Load(new EnvironmentReader(new Dictionary<string, string?>
        {
            ["TOPIC_ARN"] = "unused-by-ledger-commands",
            ["LEDGER_TABLE"] = table,
        }), 7);
        return new IncidentLedger(new DynamoDbRecordStore(aws.DynamoDb, table), settings, TimeProvider.System);
    }
}
