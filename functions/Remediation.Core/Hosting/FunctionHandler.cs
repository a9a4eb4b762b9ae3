using System.Text;
using System.Text.Json;
using Remediation.Core.Aws;
using Remediation.Core.Configuration;
using Remediation.Core.Events;
using Remediation.Core.Guardrails;
using Remediation.Core.Ledger;
using Remediation.Core.Logging;
using Remediation.Core.Notifications;
using Remediation.Core.Pipeline;

namespace Remediation.Core.Hosting;

/// <summary>
/// The Lambda entry shared by every function: Stream in, summary JSON out (no Lambda serializer needed).
/// Bad input that can never succeed still fails the invocation, so Lambda's retries end in the DLQ and nothing is lost;
/// events that are valid but not ours end in a logged skip.
/// </summary>
public sealed class FunctionHandler(IncidentPipeline pipeline, TextWriter logOutput, TimeProvider time)
{
    /// <summary>Builds the handler from the process environment; SDK clients are created once here, per container.</summary>
    public static FunctionHandler FromEnvironment(string functionName, double defaultMinSeverity,
        Func<FunctionContext, (IPlaybook Playbook, IReadOnlyList<IActionHandler> Handlers)> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var env = EnvironmentReader.FromProcess();
        var settings = RemediationSettings.Load(env, defaultMinSeverity).RequireStackAccount();
        var aws = new AwsClientFactory();
        // Build the clients every invocation uses now, during Lambda's init phase, not on the first event.
        _ = (aws.DynamoDb, aws.Sns, aws.Iam, aws.S3);
        var time = TimeProvider.System;
        var (playbook, handlers) = compose(new FunctionContext(settings, env, aws, time));
        if (playbook.FunctionName != functionName)
        {
            throw new InvalidOperationException($"Playbook {playbook.FunctionName} composed for function {functionName}.");
        }
        return new FunctionHandler(new IncidentPipeline(Dependencies(settings, aws, time, playbook, handlers)), Console.Out, time);
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
        return new PipelineDependencies(settings, playbook, handlers,
            new IncidentLedger(new DynamoDbRecordStore(aws.DynamoDb, settings.LedgerTable), settings, time),
            new DynamoDbTargetBreaker(aws.DynamoDb, settings, time),
            new AwsTagLookup(aws.Iam, aws.S3, aws.SageMaker),
            new SnsNotifier(aws.Sns, settings.TopicArn),
            time);
    }

    /// <summary>Handles one EventBridge event.</summary>
    public async Task<Stream> HandleAsync(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var log = new JsonLog(logOutput, pipeline.FunctionName, time);
        var parsed = await EventParser.ParseAsync(input);
        if (!parsed.IsSuccess)
        {
            var error = parsed.Error!;
            if (error.Code == ParseErrorCodes.UnsupportedDetailType)
            {
                log.Warn("skipped: not an event this function handles", ("error", error.Message), ("eventId", parsed.Envelope?.Id));
                return Summary(w => WriteSkip(w, pipeline.FunctionName, error.Message));
            }
            log.Error("rejected: invalid event; failing so Lambda retries and the DLQ keeps it", ("code", error.Code), ("error", error.Message), ("eventId", parsed.Envelope?.Id));
            throw new EventRejectedException(error);
        }
        return await RunAsync(parsed.Finding!, log);
    }

    /// <summary>
    /// Runs a finding the function built itself (e.g. from a scheduled event) through the pipeline; the summary
    /// JSON is the same as for an EventBridge event.
    /// </summary>
    public Task<Stream> HandleFindingAsync(Findings.Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return RunAsync(finding, new JsonLog(logOutput, pipeline.FunctionName, time));
    }

    /// <summary>A summary for work that ended before any incident (nothing to do), with the reason.</summary>
    public static Stream SkipSummary(string function, string reason) => Summary(w => WriteSkip(w, function, reason));

    private async Task<Stream> RunAsync(Findings.Finding finding, JsonLog log)
    {
        log.FindingId = finding.FindingId;
        log.Info("received", ("type", finding.Type), ("source", finding.Source.ToString()), ("eventId", finding.EventId));
        if (pipeline.Disregard(finding) is { } notAnIncident)
        {
            log.Info("skipped: not an incident for this function", ("reason", notAnIncident));
            return Summary(w => WriteSkip(w, pipeline.FunctionName, notAnIncident));
        }
        try
        {
            var result = await pipeline.RunAsync(finding, log, CancellationToken.None);
            return Summary(w => WriteResult(w, result));
        }
        catch (RemediationFailedException e)
        {
            log.Error("failed: " + e.Message);
            throw;
        }
        catch (Exception e) when (e is AwsServiceException or Amazon.Runtime.AmazonServiceException or IncidentBusyException or ClaimLostException or HttpRequestException)
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
        w.WriteString("outcome", Outcomes.Skipped);
        w.WriteString("reason", reason);
        w.WriteStartArray("actions");
        w.WriteEndArray();
        w.WriteNull("notification");
        w.WriteEndObject();
    }

    /// <summary>Writes the per-function result object of the drill report contract (DESIGN.md).</summary>
    public static void WriteResult(Utf8JsonWriter w, PipelineResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        var r = result.Report;
        w.WriteStartObject();
        w.WriteString("function", r.Function);
        w.WriteString("incidentId", r.IncidentId);
        w.WriteString("outcome", r.Outcome);
        w.WriteString("reason", r.Reason);
        ActionRecords.WriteJson(w, r.Actions, withReason: false);
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
