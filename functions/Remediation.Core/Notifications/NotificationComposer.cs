using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Remediation.Core.Notifications;

/// <summary>
/// Builds the notification of docs/architecture.md §notification: a short human subject, readable text for email/default,
/// and the full machine JSON for sqs/lambda/http(s) subscribers.
/// </summary>
public static class NotificationComposer
{
    /// <summary>SNS Subject must be under 100 characters (docs/aws-reference.md §B3).</summary>
    public const int MaxSubject = 99;

    /// <summary>SNS messages are at most 262,144 bytes (docs/aws-reference.md §B3); keep headroom for attributes.</summary>
    public const int MaxBodyBytes = 250_000;

    /// <summary>Composes the message.</summary>
    public static NotificationMessage Compose(IncidentReport report, string rollbackCommand)
    {
        ArgumentNullException.ThrowIfNull(report);
        var subject = Subject(report);
        // Roomy first; tighter until the message fits SNS's limit (NotificationLimits). Every event-supplied value
        // passes through TextSanitizer, whichever section shows it. Both JSON documents are written as UTF-8 into
        // buffers kept per thread: the body holds the machine JSON four times, so copies of it are what cost.
        var (machine, body) = (Buffers.Machine, Buffers.Body);
        var text = "";
        foreach (var limits in NotificationLimits.Steps)
        {
            text = TextSanitizer.Clean(HumanText.Render(report, subject, rollbackCommand, limits));
            MachineJson.Render(machine, report, subject, rollbackCommand, limits);
            Body(body, text, machine.WrittenSpan);
            if (body.WrittenCount <= MaxBodyBytes)
            {
                break;
            }
        }
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["severity"] = report.Finding.Severity.LabelText,
            ["function"] = report.Function,
            ["outcome"] = report.Outcome.Word(),
            ["findingType"] = TextSanitizer.OneLine(report.Finding.Type, 256),
            ["account"] = TextSanitizer.OneLine(report.Finding.AccountId, 64),
        };
        var message = new NotificationMessage(subject, text, Encoding.UTF8.GetString(body.WrittenSpan), attributes);
        Buffers.Release(machine, body);
        return message;
    }

    /// <summary>"[HIGH] Revoked sessions of role ml-training-role (credential exfiltration)".</summary>
    public static string Subject(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var what = report.Outcome switch
        {
            IncidentOutcome.Remediated => report.Headline.Done,
            IncidentOutcome.DryRun => "DRY-RUN " + report.Headline.Planned,
            IncidentOutcome.Failed => "FAILED " + report.Headline.Planned,
            _ when report.Actions.Count > 0 => "NOT CONTAINED " + report.Headline.Planned,
            _ => report.Headline.Done,
        };
        var prefix = $"[{report.Finding.Severity.LabelText}] ";
        var suffix = $" ({FindingDescriptions.Brief(report.Finding)})";
        var room = MaxSubject - prefix.Length;
        var line = TextSanitizer.OneLine(what + suffix, room);
        return prefix + line;
    }

    /// <summary>
    /// JSON escaping for the message: quotes as <c>\"</c>, not <c>\u0022</c> (a third of the size). The message is never
    /// HTML; control characters are already gone (TextSanitizer), and what remains is valid JSON either way.
    /// </summary>
    internal static readonly JsonWriterOptions Escaping = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // SNS sends a protocol without its own key the "default" text, so email needs no copy (docs/aws-reference.md §B3).
    private static void Body(ArrayBufferWriter<byte> into, string text, ReadOnlySpan<byte> machine)
    {
        into.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(into, Escaping);
        writer.WriteStartObject();
        writer.WriteString("default", text);
        foreach (var protocol in Protocols)
        {
            writer.WriteString(protocol, machine);
        }
        writer.WriteEndObject();
    }

    private static readonly string[] Protocols = ["sqs", "lambda", "http", "https"];

    /// <summary>The two UTF-8 buffers of a composition, reused by the thread's next one unless they grew past SNS's size.</summary>
    private static class Buffers
    {
        [ThreadStatic] private static ArrayBufferWriter<byte>? machine;
        [ThreadStatic] private static ArrayBufferWriter<byte>? body;

        public static ArrayBufferWriter<byte> Machine => Take(ref machine);

        public static ArrayBufferWriter<byte> Body => Take(ref body);

        public static void Release(ArrayBufferWriter<byte> m, ArrayBufferWriter<byte> b)
        {
            (machine, body) = (m.Capacity <= 2 * MaxBodyBytes ? m : null, b.Capacity <= 2 * MaxBodyBytes ? b : null);
        }

        private static ArrayBufferWriter<byte> Take(ref ArrayBufferWriter<byte>? slot)
        {
            var taken = slot ?? new ArrayBufferWriter<byte>(16 * 1024);
            slot = null; // a composition that fails keeps nothing half-written for the next one
            taken.ResetWrittenCount();
            return taken;
        }
    }

    internal static string Describe(Principal p) => p.Kind switch
    {
        PrincipalKind.IamUser => $"IAM user {p.Name ?? p.PrincipalId ?? "(unknown)"}",
        PrincipalKind.AssumedRole => $"role {p.Name} (session {p.SessionName ?? "?"}{(p.Ec2InstanceId is { } i ? ", EC2 instance " + i : "")})",
        PrincipalKind.Root => "the root user",
        PrincipalKind.Federated => $"federated user {p.Name ?? p.PrincipalId}",
        PrincipalKind.AwsService => $"AWS service {p.Name ?? p.PrincipalId}",
        _ => p.Arn ?? p.PrincipalId ?? "unknown principal",
    };

    internal static string Score(Finding f) => f.Severity.Score.ToString("0.#", CultureInfo.InvariantCulture);
}
