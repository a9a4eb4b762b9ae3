using Remediation.Core.Configuration;

namespace Remediation.Tool.Commands;

/// <summary>The options the ledger verbs share (rollback, incidents, held, release) and the clients they build.</summary>
internal sealed record LedgerOptions(IReadOnlyList<string> Positional, string? Endpoint, string Table, bool Execute, IReadOnlyDictionary<string, string> Env)
{
    public static LedgerOptions Parse(IReadOnlyList<string> args, bool allowExecute)
    {
        string? endpoint = null;
        var table = Environment.GetEnvironmentVariable("LEDGER_TABLE") is { Length: > 0 } t ? t : Local.LocalStack.TableName;
        var execute = false;
        var positional = new List<string>();
        // A held incident was refused in enforce mode; releasing it in the emulation runs it in enforce mode too.
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["REMEDIATION_MODE"] = "enforce" };
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--endpoint-url": endpoint = ++i < args.Count ? args[i] : throw new UsageException("--endpoint-url needs a value"); break;
                case "--table": table = ++i < args.Count ? args[i] : throw new UsageException("--table needs a value"); break;
                case "--execute" when allowExecute: execute = true; break;
                case "--env" when allowExecute:
                    var pair = ++i < args.Count ? args[i] : throw new UsageException("--env needs NAME=VALUE");
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    env[eq > 0 ? pair[..eq] : throw new UsageException($"--env {pair}: expected NAME=VALUE")] = pair[(eq + 1)..];
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): throw new UsageException($"unknown option {a}");
                default: positional.Add(args[i]); break;
            }
        }
        return new LedgerOptions(positional, endpoint, table, execute, env);
    }

    public static AwsClientFactory Factory(string? endpoint) =>
        endpoint is null ? new AwsClientFactory() : new AwsClientFactory(AwsClientSettings.ForEndpoint(endpoint));

    public static IncidentLedger Ledger(AwsClientFactory aws, string table)
    {
        var settings = RemediationSettings.Load(new EnvironmentReader(new Dictionary<string, string?>
        {
            ["TOPIC_ARN"] = "unused-by-ledger-commands",
            ["LEDGER_TABLE"] = table,
        }), 7);
        return new IncidentLedger(new DynamoDbRecordStore(aws.DynamoDb, table), settings, TimeProvider.System);
    }
}
