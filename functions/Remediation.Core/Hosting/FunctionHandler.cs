using System.Text;
using System.Text.Json;
using Remediation.Core.Accounts;
using Remediation.Core.Configuration;
using Remediation.Core.Events;
using Remediation.Core.Guardrails;
using Remediation.Core.Ledger;
using Remediation.Core.Logging;
using Remediation.Core.Notifications;

namespace Remediation.Core.Hosting;

/// <summary>
/// The Lambda entry shared by every function: Stream in, summary JSON out (no Lambda serializer needed).
/// Bad input that can never succeed still fails the invocation, so Lambda's retries end in the DLQ and nothing is lost;
/// events that are valid but not ours end in a logged skip.
/// </summary>
public sealed class FunctionHandler
{
    private readonly IncidentPipeline pipeline;
    private readonly TextWriter logOutput;
    private readonly TimeProvider time;
    private readonly Func<string?> traceId;
    private readonly TimeSpan budget;

    /// <summary>A handler over a pipeline; each invocation gets <paramref name="budget"/> before its token fires (infinite by default).</summary>
    public FunctionHandler(IncidentPipeline pipeline, TextWriter logOutput, TimeProvider time, Func<string?>? traceId = null, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(logOutput);
        ArgumentNullException.ThrowIfNull(time);
        this.pipeline = pipeline;
        this.logOutput = logOutput;
        this.time = time;
        this.traceId = traceId ?? (() => null);
        this.budget = budget ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>
    /// Builds the handler from explicit inputs; SDK clients are created once here, per container. The parameterless
    /// constructors of the functions pass <see cref="FunctionInputs.FromProcess"/>.
    /// </summary>
    public static FunctionHandler Create(string functionName, double defaultMinSeverity, FunctionInputs inputs,
        Func<FunctionContext, (IPlaybook Playbook, IReadOnlyList<IActionHandler> Handlers)> compose)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(compose);
        var settings = RemediationSettings.Load(inputs.Environment, defaultMinSeverity).RequireStackAccount();
        var aws = inputs.Aws;
        // Build the clients every invocation uses now, during Lambda's init phase, not on the first event.
        _ = (aws.DynamoDb, aws.Sns, aws.Iam, aws.S3);
        _ = ClientPriming.Start(inputs.Environment, new DynamoDbRecordStore(aws.DynamoDb, settings.LedgerTable));
        var context = new FunctionContext(settings, inputs.Environment, aws, inputs.Time);
        var (playbook, handlers) = compose(context);
        if (playbook.FunctionName != functionName)
        {
            throw new InvalidOperationException($"Playbook {playbook.FunctionName} composed for function {functionName}.");
        }
        return new FunctionHandler(new IncidentPipeline(Dependencies(context, playbook, handlers, compose)), inputs.Log, inputs.Time,
            inputs.TraceId, InvocationBudget(settings.ClaimTimeoutSeconds));
    }

    /// <summary>
    /// The pipeline dependencies of a function: <see cref="Dependencies(RemediationSettings, AwsClientFactory, TimeProvider, IPlaybook, IReadOnlyList{IActionHandler})"/>
    /// in the stack's own account, and, when member accounts are configured, the same composition over each member's role.
    /// </summary>
    public static PipelineDependencies Dependencies(FunctionContext context, IPlaybook playbook, IReadOnlyList<IActionHandler> handlers,
        Func<FunctionContext, (IPlaybook Playbook, IReadOnlyList<IActionHandler> Handlers)> compose)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deps = Dependencies(context.Settings, context.Aws, context.Time, playbook, handlers);
        if (!context.Settings.Accounts.HasMembers)
        {
            return deps;
        }
        // A session is reused until one function timeout and a minute before it expires.
        var margin = TimeSpan.FromSeconds(context.Settings.ClaimTimeoutSeconds + 60);
        var sessions = new MemberSessions(context.Aws, context.Settings.Accounts, context.Time, margin);
        return deps with { Members = new MemberWorkspaces(sessions, context, playbook.FunctionName, compose) };
    }

    /// <summary>
    /// How long an invocation may work before its token fires: the function timeout (CLAIM_TIMEOUT_SECONDS, which the
    /// template sets to each function's Timeout) less a margin (10 s, or a tenth of long timeouts) in which the attempt
    /// still records what it wrote and releases its claim, instead of being killed mid-write by Lambda.
    /// </summary>
    public static TimeSpan InvocationBudget(int timeoutSeconds) =>
        TimeSpan.FromSeconds(timeoutSeconds - Math.Max(Math.Min(10, timeoutSeconds / 2.0), timeoutSeconds / 10.0));

    /// <summary>The incident ledger in the stack's table, for a composition that reads it (e.g. a scheduled sweep).</summary>
    public static IncidentLedger Ledger(RemediationSettings settings, AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(aws);
        return new IncidentLedger(new DynamoDbRecordStore(aws.DynamoDb, settings.LedgerTable), settings, time);
    }

    /// <summary>
    /// The production pipeline dependencies (DynamoDB ledger and breaker, IAM/S3 tag lookup, SNS notifier) over
    /// the given clients and clock, for functions that run more than one pipeline (e.g. a scheduled sweep).
    /// </summary>
    public static PipelineDependencies Dependencies(RemediationSettings settings, AwsClientFactory aws, TimeProvider time,
        IPlaybook playbook, IReadOnlyList<IActionHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(aws);
        return new PipelineDependencies(settings, playbook, handlers, Ledger(settings, aws, time),
            new DynamoDbTargetBreaker(aws.DynamoDb, settings, time),
            new AwsTagLookup(aws.Iam, aws.S3, aws.SageMaker),
            new SnsNotifier(aws.Sns, settings.TopicArn),
            time);
    }

    /// <summary>Handles one EventBridge event.</summary>
    public async Task<Stream> HandleAsync(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var log = NewLog();
        using var copy = new MemoryStream();
        await input.CopyToAsync(copy);
        copy.Position = 0;
        var parsed = await EventParser.ParseAsync(copy);
        if (!parsed.IsSuccess)
        {
            var error = parsed.Error!;
            if (error.Code == ParseErrorCodes.UnsupportedDetailType)
            {
                return Unrecorded(log, "not an event this function handles", error.Message, parsed.Envelope?.Id, misrouted: true);
            }
            log.Error("rejected: invalid event; failing so Lambda retries and the DLQ keeps it", ("code", error.Code), ("error", error.Message), ("eventId", parsed.Envelope?.Id));
            throw new EventRejectedException(error);
        }
        return await RunAsync(parsed.Finding! with { RawEvent = System.Text.Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length) }, log);
    }

    /// <summary>
    /// Runs a finding the function built itself (e.g. from a scheduled event) through the pipeline; the summary
    /// JSON is the same as for an EventBridge event.
    /// </summary>
    public Task<Stream> HandleFindingAsync(Findings.Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return RunAsync(finding, NewLog());
    }

    /// <summary>
    /// The "no record, no notification" ending (docs/architecture.md §nothing): an event that is not this function's or
    /// no incident for it ends in one log line and a skipped summary without an incident id.
    /// </summary>
    private MemoryStream Unrecorded(JsonLog log, string what, string reason, string? eventId, bool misrouted)
    {
        (string, string?)[] fields = [("reason", reason), ("eventId", eventId)];
        if (misrouted)
        {
            log.Warn("skipped: " + what, fields); // no rule should route this here: a rule or a bus policy is wrong
        }
        else
        {
            log.Info("skipped: " + what, fields);
        }
        return Summary(w => WriteSkip(w, pipeline.FunctionName, reason));
    }

    private JsonLog NewLog() => new(logOutput, pipeline.FunctionName, time) { TraceId = traceId() };

    private async Task<Stream> RunAsync(Findings.Finding finding, JsonLog log)
    {
        log.FindingId = finding.FindingId;
        log.Info("received", ("type", finding.Type), ("source", finding.Source.ToString()), ("eventId", finding.EventId));
        if (pipeline.Disregard(finding) is { } notAnIncident)
        {
            return Unrecorded(log, "not an incident for this function", notAnIncident, finding.EventId, misrouted: false);
        }
        using var deadline = new CancellationTokenSource(budget, time);
        try
        {
            var result = await pipeline.RunAsync(finding, log, deadline.Token);
            return Summary(w => WriteResult(w, result));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            log.Error("failed: the invocation ran out of time; what was written is recorded and Lambda will retry", ("budgetSeconds", budget.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            throw;
        }
        catch (RemediationFailedException e)
        {
            log.Error("failed: " + e.Message);
            throw;
        }
        catch (Exception e) when (AwsErrors.AsServiceError(e) is not null || e is IncidentBusyException or ClaimLostException or BreakerContentionException or HttpRequestException)
        {
            log.Error("failed; Lambda will retry", ("error", e.Message), ("exception", e.GetType().Name));
            throw;
        }
    }

    private static MemoryStream Summary(Action<Utf8JsonWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        stream.Position = 0;
        return stream;
    }

    private static void WriteSkip(Utf8JsonWriter w, string function, string reason)
    {
        w.WriteStartObject();
        w.WriteString("function", function);
        w.WriteNull("incidentId");
        w.WriteString("outcome", IncidentOutcome.Skipped.Word());
        w.WriteString("reason", reason);
        w.WriteStartArray("actions");
        w.WriteEndArray();
        w.WriteNull("notification");
        w.WriteEndObject();
    }

    /// <summary>Writes the per-function result object of the result contract (docs/architecture.md §contract).</summary>
    public static void WriteResult(Utf8JsonWriter w, PipelineResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        var r = result.Report;
        w.WriteStartObject();
        w.WriteString("function", r.Function);
        w.WriteString("incidentId", r.IncidentId);
        w.WriteString("outcome", r.Outcome.Word());
        w.WriteString("reason", r.Reason);
        ActionRecordJson.Write(w, r.Actions, withReason: false);
        if (result.MessageId is null)
        {
            w.WriteNull("notification");
        }
        else
        {
            w.WriteStartObject("notification");
            w.WriteString("topicArn", result.TopicArn);
            w.WriteString("messageId", result.MessageId);
            w.WriteString("subject", result.Subject);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>Reads a summary stream back as text (for logs and tools).</summary>
    public static string ReadAll(Stream s)
    {
        ArgumentNullException.ThrowIfNull(s);
        using var reader = new StreamReader(s, Encoding.UTF8, leaveOpen: true);
        return reader.ReadToEnd();
    }
}
