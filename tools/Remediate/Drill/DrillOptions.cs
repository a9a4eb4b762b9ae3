namespace Remediation.Tool.Drill;

/// <summary>drill &lt;event.json&gt; [--function NAME] [--endpoint-url URL] [--world FILE] [--member ACCOUNT]... [--env NAME=VALUE]... [--dry-run] [--json]</summary>
internal sealed record DrillOptions(
    string EventFile,
    string? Function,
    string? EndpointUrl,
    string? WorldFile,
    IReadOnlyDictionary<string, string> EnvOverrides,
    bool DryRun,
    bool Json)
{
    /// <summary>Member accounts (--member): each gets the world and the member stack's resources, and MEMBER_ACCOUNTS lists them.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    public static DrillOptions Parse(IReadOnlyList<string> args)
    {
        string? file = null, function = null, endpoint = null, world = null;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        bool dryRun = false, json = false;
        var members = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--function": function = Value(args, ref i, arg); break;
                case "--endpoint-url": endpoint = Value(args, ref i, arg); break;
                case "--world": world = Value(args, ref i, arg); break;
                case "--env":
                    var pair = Value(args, ref i, arg);
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new UsageException($"--env takes NAME=VALUE, got '{pair}'");
                    }
                    env[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--member":
                    var member = Value(args, ref i, arg);
                    members.Add(Remediation.Core.Accounts.AccountSettings.IsAccountId(member) ? member
                        : throw new UsageException($"--member takes a 12-digit account id, got '{member}'"));
                    break;
                case "--dry-run": dryRun = true; break;
                case "--json": json = true; break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new UsageException($"unknown option {arg}");
                    }
                    if (file is not null)
                    {
                        throw new UsageException($"one event file at a time (got '{file}' and '{arg}')");
                    }
                    file = arg;
                    break;
            }
        }
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            throw new UsageException($"--endpoint-url '{endpoint}' is not an absolute URL");
        }
        if (members.Count > 0)
        {
            env.TryAdd("MEMBER_ACCOUNTS", string.Join(',', members));
        }
        return new DrillOptions(file ?? throw new UsageException("drill needs an event file"), function, endpoint, world, env, dryRun, json) { Members = members };
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string option) =>
        ++i < args.Count ? args[i] : throw new UsageException($"{option} needs a value");
}
