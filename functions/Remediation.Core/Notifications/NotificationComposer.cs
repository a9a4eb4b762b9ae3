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
        // passes through TextSanitizer, whichever section shows it.
        string text = "", body = "";
        foreach (var limits in NotificationLimits.Steps)
        {
            text = TextSanitizer.Clean(HumanText.Render(report, subject, rollbackCommand, limits));
            body = Body(text, MachineJson.Render(report, subject, rollbackCommand, limits));
            if (Encoding.UTF8.GetByteCount(body) <= MaxBodyBytes)
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
        return new NotificationMessage(subject, text, body, attributes);
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
    private static string Body(string text, string machine)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Escaping))
        {
            writer.WriteStartObject();
            writer.WriteString("default", text);
            foreach (var protocol in new[] { "sqs", "lambda", "http", "https" })
            {
                writer.WriteString(protocol, machine);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
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
