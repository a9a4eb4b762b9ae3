using System.Text.Json;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.Tool.Drill;

/// <summary>
/// remediate drill: route a sample event by the template's own patterns and run each routed function through its
/// handler string with the environment the template gives it, against the local emulation.
/// </summary>
internal static class DrillCommand
{
    private const string Account = "123456789012";

    public static async Task<int> RunAsync(DrillOptions options, TextWriter stdout, CancellationToken ct)
    {
        var root = RepoPaths.Root();
        var eventBytes = ReadEvent(options.EventFile);
        using var eventDoc = JsonDocument.Parse(eventBytes);
        var evt = eventDoc.RootElement;
        var template = SamTemplate.Load(Path.Combine(root, "template.yaml"));
        var routes = options.Function is { } name ? [Router.Named(template, name)] : Router.Route(template, evt);

        using var embedded = options.EndpointUrl is null ? await LocalAwsProcess.StartAsync(root, TimeSpan.FromSeconds(90)) : null;
        var endpoint = options.EndpointUrl ?? embedded!.Endpoint;
        using var control = new LocalAwsControl(endpoint);
        var worldFile = options.WorldFile ?? (embedded is not null ? Path.Combine(root, "events", "world.json") : null);
        if (worldFile is not null)
        {
            await control.SeedAsync(ReadText(worldFile), ct);
        }
        using var aws = new AwsClientFactory(AwsClientSettings.ForEndpoint(endpoint));
        var stack = await LocalStack.EnsureAsync(aws, Account, ct);
        foreach (var member in options.Members)
        {
            using var clients = await LocalMemberStack.AdministratorAsync(aws, member, ct);
            if (worldFile is not null)
            {
                await control.SeedAsync(LocalMemberStack.World(ReadText(worldFile), Account, member), ct);
            }
            await LocalMemberStack.EnsureAsync(clients, member, ct);
        }
        var before = (await control.CallsAsync(ct))?.Length ?? 0;

        var invocations = new List<Invocation>();
        foreach (var function in routes)
        {
            var env = FunctionEnvironment.For(function, template, stack, endpoint, options);
            invocations.Add(await FunctionInvoker.InvokeAsync(function, env, eventBytes));
        }
        var calls = await control.CallsAsync(ct);
        var changes = calls is null ? null : DrillChanges.From(calls.Skip(before), Account);

        if (options.Json)
        {
            DrillReport.WriteJson(stdout, evt, routes, invocations, changes);
        }
        else
        {
            DrillReport.WriteText(stdout, evt, routes, invocations, changes, endpoint, embedded is not null, worldFile);
        }
        return invocations.Any(i => i.Outcome == IncidentOutcome.Failed) ? 1 : 0;
    }

    private static byte[] ReadEvent(string path)
    {
        var bytes = File.Exists(path) ? File.ReadAllBytes(path) : throw new UsageException($"event file {path} not found");
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? bytes : throw new UsageException($"{path} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not valid JSON: {e.Message}");
        }
    }

    private static string ReadText(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new UsageException($"world file {path} not found");
}
