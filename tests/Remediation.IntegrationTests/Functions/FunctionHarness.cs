using System.Text;
using Remediation.Tool.Rollback;
using Remediation.Core.Aws;
using Remediation.Core.Configuration;
using Remediation.Core.Hosting;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Runs functions the way Lambda does (handler string, template.yaml environment) against the emulation,
/// and reads back what they did: AWS requests, published notifications, ledger records.
/// </summary>
public sealed class FunctionHarness : IDisposable
{
    private readonly LocalAwsFixture fixture;
    private readonly SamTemplate template;

    public FunctionHarness(LocalAwsFixture fixture)
    {
        this.fixture = fixture;
        template = SamTemplate.Load(Path.Combine(fixture.RepoRoot, "template.yaml"));
        Aws = new AwsClientFactory(AwsClientSettings.ForEndpoint(fixture.EndpointUrl));
    }

    public AwsClientFactory Aws { get; }

    internal LocalStack? Stack { get; private set; }

    /// <summary>Fresh emulation: reset, the stack's own resources, and the given world (default events/world.json).</summary>
    public async Task ResetAsync(string? worldJson = null)
    {
        await fixture.ResetAsync();
        await fixture.SeedAsync(worldJson ?? await File.ReadAllTextAsync(EventPath("world.json")));
        Stack = await LocalStack.EnsureAsync(Aws, "123456789012", CancellationToken.None);
        await fixture.ClearCallsAsync();
    }

    public string EventPath(string relative) => Path.Combine(fixture.RepoRoot, "events", relative);

    public Task<string> EventTextAsync(string relative) => File.ReadAllTextAsync(EventPath(relative));

    /// <summary>Invokes one function by name with an event (text), optional environment overrides.</summary>
    internal Task<Invocation> InvokeAsync(string function, string eventJson, params (string Name, string Value)[] env)
    {
        var (definition, environment) = Environment(function, env);
        return FunctionInvoker.InvokeAsync(definition, environment, Encoding.UTF8.GetBytes(eventJson));
    }

    /// <summary>The function's template definition and its environment (template.yaml's, the stack's, the overrides).</summary>
    private (FunctionDefinition Definition, IReadOnlyDictionary<string, string> Variables) Environment(string function, (string Name, string Value)[] env)
    {
        var definition = Router.Named(template, function);
        var options = new DrillOptions("-", function, fixture.EndpointUrl, null, env.ToDictionary(e => e.Name, e => e.Value), false, false);
        return (definition, FunctionEnvironment.For(definition, template, Stack ?? throw new InvalidOperationException("call ResetAsync first"), fixture.EndpointUrl, options));
    }

    /// <summary>One instance of a function, bound as Lambda's runtime would, kept for many invocations (one execution environment).</summary>
    internal Func<Stream, Task<Stream>> Bind(string function, params (string Name, string Value)[] env)
    {
        var (definition, environment) = Environment(function, env);
        return FunctionInvoker.Bind(definition.Handler, FunctionInputs.FromVariables(environment, TextWriter.Null));
    }

    /// <summary>Requests the functions made since the last reset, in order.</summary>
    public async Task<IReadOnlyList<RecordedCall>> CallsAsync(string? service = null) =>
        [.. (await fixture.CallsAsync()).Where(c => service is null || c.Service == service)];

    /// <summary>The Publish requests that reached the topic, with their parsed message bodies.</summary>
    public async Task<IReadOnlyList<PublishedMessage>> PublishedAsync() =>
        [.. (await CallsAsync("sns")).Where(c => c.Operation == "Publish" && c.Status == 200).Select(PublishedMessage.From)];

    public IncidentLedger Ledger()
    {
        var settings = RemediationSettings.Load(new EnvironmentReader(new Dictionary<string, string?>
        {
            ["TOPIC_ARN"] = Stack!.TopicArn,
            ["LEDGER_TABLE"] = Stack.LedgerTable,
        }), 7);
        return new IncidentLedger(new DynamoDbRecordStore(Aws.DynamoDb, Stack.LedgerTable), settings, TimeProvider.System);
    }

    /// <summary>Rollback as the CLI runs it: the ledger, every handler the catalog has (inverses included).</summary>
    public RollbackRunner Rollback() =>
        new(Ledger(), RollbackExecutors.For(Aws, TimeProvider.System), TimeProvider.System);

    /// <summary>
    /// Delivers the event again, as Lambda retries a failed async invocation, until it is contained or
    /// <paramref name="maxDeliveries"/> is reached. A delivery refused because another invocation still holds the claim
    /// (its release was lost) waits out <paramref name="claimTimeout"/> first, as the claim ends by its timeout.
    /// </summary>
    internal async Task<(Invocation Last, int Deliveries)> DeliverUntilContainedAsync(string function, string eventJson,
        (string, string)[] env, int maxDeliveries, TimeSpan claimTimeout, Invocation? first = null)
    {
        var last = first;
        var deliveries = first is null ? 0 : 1;
        while (deliveries < maxDeliveries && last?.Outcome != IncidentOutcome.Remediated)
        {
            if (last?.Outcome == IncidentOutcome.Failed && last.Result.GetProperty("reason").GetString()!.Contains("another invocation", StringComparison.Ordinal))
            {
                await Task.Delay(claimTimeout + TimeSpan.FromSeconds(0.2));
            }
            deliveries++;
            last = await InvokeAsync(function, eventJson, env);
        }
        return (last!, deliveries);
    }

    public void Dispose() => Aws.Dispose();
}

/// <summary>One notification as SNS received it.</summary>
public sealed record PublishedMessage(string Subject, string Structure, string Text, JsonElement Machine, IReadOnlyDictionary<string, string> Attributes)
{
    public static PublishedMessage From(RecordedCall call)
    {
        var p = call.Parameters;
        var body = JsonDocument.Parse(p.GetProperty("Message").GetString()!).RootElement;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; p.TryGetProperty($"MessageAttributes.entry.{i}.Name", out var name); i++)
        {
            attributes[name.GetString()!] = p.GetProperty($"MessageAttributes.entry.{i}.Value.StringValue").GetString()!;
        }
        return new PublishedMessage(
            p.GetProperty(nameof(Subject)).GetString()!,
            p.TryGetProperty("MessageStructure", out var s) ? s.GetString()! : "",
            body.GetProperty("default").GetString()!,
            JsonDocument.Parse(body.GetProperty("sqs").GetString()!).RootElement.Clone(),
            attributes);
    }
}
