using Remediation.Tool;
using Remediation.Tool.Commands;
using Remediation.Tool.Drill;

const string Usage = """
    usage: remediate <verb> ...
      drill <event.json> [--function NAME] [--endpoint-url URL] [--world FILE] [--member ACCOUNT]... [--env NAME=VALUE]... [--dry-run] [--json]
      rollback <incident-id> [--endpoint-url URL] [--table NAME] [--execute]
      incidents [--endpoint-url URL] [--table NAME]
      held [--endpoint-url URL] [--table NAME]
      release <incident-id> [--endpoint-url URL] [--table NAME] [--env NAME=VALUE]... [--execute]
      member-template       prints member-template.yaml, derived from template.yaml
    Without --endpoint-url, drill starts the embedded local AWS emulation; rollback, incidents, held and release use
    real AWS (default credential chain), and rollback and release are dry-runs unless --execute is given.
    """;

try
{
    return args.FirstOrDefault() switch
    {
        "drill" => await DrillCommand.RunAsync(DrillOptions.Parse(args[1..]), Console.Out, CancellationToken.None),
        "rollback" => await LedgerCommands.RollbackAsync(args[1..], Console.Out, CancellationToken.None),
        "incidents" => await LedgerCommands.IncidentsAsync(args[1..], Console.Out, CancellationToken.None),
        "held" => await HeldCommands.HeldAsync(args[1..], Console.Out, CancellationToken.None),
        "release" => await HeldCommands.ReleaseAsync(args[1..], Console.Out, CancellationToken.None),
        "member-template" => MemberTemplateCommand.Run(Console.Out),
        "-h" or "--help" or "help" => Help(Console.Out),
        _ => throw new UsageException(args.Length == 0 ? "no verb given" : $"unknown verb '{args[0]}'"),
    };
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync("remediate: " + e.Message);
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}
catch (Exception e) when (e is Remediation.Tool.Template.TemplateException or FormatException)
{
    await Console.Error.WriteLineAsync("remediate: template.yaml: " + e.Message);
    return 2;
}

static int Help(TextWriter o)
{
    o.WriteLine(Usage);
    return 0;
}
