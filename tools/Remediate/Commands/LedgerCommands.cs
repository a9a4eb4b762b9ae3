using Remediation.Tool.Rollback;
using Remediation.Core.Configuration;

namespace Remediation.Tool.Commands;

/// <summary>rollback and incidents: read the ledger, and apply recorded inverses.</summary>
internal static class LedgerCommands
{
    public static async Task<int> IncidentsAsync(IReadOnlyList<string> args, TextWriter o, CancellationToken ct)
    {
        var (_, endpoint, table, _, _) = LedgerOptions.Parse(args, allowExecute: false);
        using var aws = LedgerOptions.Factory(endpoint);
        var ledger = LedgerOptions.Ledger(aws, table);
        var records = await ledger.ListAsync(ct);
        if (records.Count == 0)
        {
            o.WriteLine($"No incidents in {table}.");
        }
        foreach (var r in records)
        {
            o.WriteLine($"{r.IncidentId}  {r.UpdatedAt:yyyy-MM-dd HH:mm:ss}Z  {r.Function,-22} {r.State,-10} {r.Outcome?.Word() ?? "-",-10} {r.Subject ?? r.FindingType}");
        }
        return 0;
    }

    public static async Task<int> RollbackAsync(IReadOnlyList<string> args, TextWriter o, CancellationToken ct)
    {
        var (positional, endpoint, table, execute, _) = LedgerOptions.Parse(args, allowExecute: true);
        var incidentId = positional.Count == 1 ? positional[0] : throw new UsageException("rollback needs exactly one incident id");
        using var aws = LedgerOptions.Factory(endpoint);
        var ledger = LedgerOptions.Ledger(aws, table);
        var record = await ledger.GetAsync(incidentId, ct) ?? throw new UsageException($"no incident {incidentId} in {table}");
        var inverses = record.Actions.Where(a => ActionStatuses.MayHaveWritten(a) && a.Inverse is not null).Reverse().ToList();
        if (endpoint is null && !execute)
        {
            o.WriteLine($"Dry-run against real AWS (add --execute to apply). {inverses.Count} inverse action(s), newest first"
                + (record.MemberRoleArn is { } role ? $", in account {record.Account} through {role}:" : ":"));
            foreach (var a in inverses)
            {
                o.WriteLine($"  would {a.Inverse!.Kind} {a.Inverse.Target}: {a.Inverse.Reason}");
            }
            return 0;
        }
        var runner = new RollbackRunner(ledger, RollbackExecutors.For(aws, TimeProvider.System), TimeProvider.System);
        var done = await runner.RollbackAsync(incidentId, ct);
        o.WriteLine($"Incident {incidentId}: {done.State}");
        foreach (var a in done.Rollback)
        {
            o.WriteLine($"  [{a.Status.Word()}] {a.Kind} {a.Target}  {a.Detail}");
        }
        return done.Rollback.Any(a => a.Status == ActionStatus.Failed) ? 1 : 0;
    }
}
