using System.Text.Json;
using Remediation.Actions.AccessKeys;
using Remediation.Actions.Kms;
using Remediation.Core.Aws;
using Remediation.Core.Configuration;
using Remediation.Core.Hosting;
using Remediation.Core.Logging;
using Remediation.Core.Pipeline;

namespace Remediation.RotateKeys;

/// <summary>
/// Lambda entry: handler string <c>RotateKeys::Remediation.RotateKeys.Function::HandleAsync</c>.
/// EventBridge findings (Health, Config, CloudTrail KMS calls) go through the shared pipeline; the daily
/// "Scheduled Event" (source aws.events) starts the sweep, which has no finding of its own: when it finds nothing to
/// delete it only logs; otherwise it runs as an incident (ledger, guardrails, dry-run, breaker, notification).
/// </summary>
public sealed class Function
{
    /// <summary>Config non-compliance is scored 5 (Medium); RotateKeys acts from there. MIN_SEVERITY overrides it.</summary>
    public const double DefaultMinSeverity = 5;

    private readonly FunctionHandler findings;
    private readonly FunctionHandler sweepHandler;
    private readonly KeySweep sweep;
    private readonly RotateKeysSettings policy;
    private readonly TimeProvider time;
    private readonly TextWriter log;

    /// <summary>Production (Lambda): inputs from the process; SDK clients built once per container.</summary>
    public Function()
        : this(FunctionInputs.FromProcess())
    {
    }

    /// <summary>Explicit inputs (drills, tests): environment, clients, clock, log writer.</summary>
    public Function(FunctionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (env, aws, time, log) = (inputs.Environment, inputs.Aws, inputs.Time, inputs.Log);
        var settings = RemediationSettings.Load(env, DefaultMinSeverity).RequireStackAccount();
        policy = RotateKeysSettings.Load(env);
        this.time = time;
        this.log = log;
        var context = new FunctionContext(settings, env, aws, time);
        var (playbook, handlers) = Compose(context);
        var deps = FunctionHandler.Dependencies(context, playbook, handlers, Compose);
        var budget = FunctionHandler.InvocationBudget(settings.ClaimTimeoutSeconds);
        findings = new FunctionHandler(new IncidentPipeline(deps), log, time, inputs.TraceId, budget);
        sweep = new KeySweep(deps.Ledger, aws.Iam, policy, time);
        // The daily sweep deletes this account's rotated-out keys only; a member's rotated-out keys stay Inactive (README Limits).
        sweepHandler = new FunctionHandler(new IncidentPipeline(deps with { Playbook = sweep, Members = null }), log, time, inputs.TraceId, budget);
    }

    /// <summary>The findings playbook and handlers over one account's clients and settings.</summary>
    private static (IPlaybook Playbook, IReadOnlyList<IActionHandler> Handlers) Compose(FunctionContext ctx) =>
        (new RotateKeysPlaybook(ctx.Aws.Iam, ctx.Aws.Ssm(), ctx.Aws.Kms(), RotateKeysSettings.Load(ctx.Environment), ctx.Time), Handlers(ctx.Aws, ctx.Time));

    /// <summary>Everything this function can write: access-key rotation and KMS key care.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return [.. AccessKeyFamily.Rotation(aws.Iam, aws.Ssm()), .. KmsFamily.KeyCare(aws.Kms())];
    }

    /// <summary>Handles one EventBridge event; returns the summary JSON.</summary>
    public async Task<Stream> HandleAsync(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer);
        if (ScheduledEvent(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)) is { } scheduled)
        {
            using (scheduled)
            {
                return await SweepAsync(scheduled.RootElement);
            }
        }
        buffer.Position = 0;
        return await findings.HandleAsync(buffer);
    }

    private async Task<Stream> SweepAsync(JsonElement scheduled)
    {
        var finding = KeySweep.FindingFor(scheduled, policy.SweepGraceDays, time.GetUtcNow());
        var plan = await sweep.PlanAsync(finding, CancellationToken.None);
        if (plan.Actions.Count == 0 && plan.Skipped.Count == 0)
        {
            var reason = $"sweep: no rotated-out access key has been Inactive longer than {policy.SweepGraceDays} days";
            new JsonLog(log, RotateKeysPlaybook.Name, time) { FindingId = finding.FindingId }.Info(reason, ("eventId", finding.EventId));
            return FunctionHandler.SkipSummary(RotateKeysPlaybook.Name, reason);
        }
        return await sweepHandler.HandleFindingAsync(finding);
    }

    /// <summary>The event, when it is an EventBridge "Scheduled Event" from aws.events; null for anything else.</summary>
    private static JsonDocument? ScheduledEvent(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            var doc = JsonDocument.Parse(utf8);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("detail-type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Scheduled Event"
                && root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String && source.GetString() == "aws.events"
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                return doc;
            }
            doc.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null; // the pipeline's parser reports malformed input with the field it names
        }
    }
}
