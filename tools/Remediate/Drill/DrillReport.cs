using System.Text;
using System.Text.Json;
using Remediation.Tool.Template;

namespace Remediation.Tool.Drill;

/// <summary>Prints a drill: the --json report object (docs/architecture.md §contract), or the human form.</summary>
internal static class DrillReport
{
    public static void WriteJson(TextWriter output, JsonElement evt, IReadOnlyList<FunctionDefinition> routes, IReadOnlyList<Invocation> invocations, IReadOnlyList<DrillChange>? changes)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("event");
            w.WriteString("id", Text(evt, "id"));
            w.WriteString("detailType", Text(evt, "detail-type"));
            w.WriteString("source", Text(evt, "source"));
            w.WriteEndObject();
            w.WriteStartArray("routes");
            foreach (var r in routes)
            {
                w.WriteStringValue(r.Name);
            }
            w.WriteEndArray();
            w.WriteStartArray("results");
            foreach (var i in invocations)
            {
                i.Result.WriteTo(w);
            }
            w.WriteEndArray();
            if (changes is not null)
            {
                // Extension of the contract: the AWS requests the drill made, from the emulation's log.
                w.WriteStartArray("changes");
                foreach (var c in changes.Where(c => c.IsWrite))
                {
                    w.WriteStartObject();
                    w.WriteString("service", c.Service);
                    w.WriteString("operation", c.Operation);
                    w.WriteNumber("status", c.Status);
                    w.WriteString("summary", c.Summary);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    public static void WriteText(TextWriter o, JsonElement evt, IReadOnlyList<FunctionDefinition> routes, IReadOnlyList<Invocation> invocations,
        IReadOnlyList<DrillChange>? changes, string endpoint, bool embedded, string? world)
    {
        o.WriteLine($"Event   {Text(evt, "id")}  \"{Text(evt, "detail-type")}\" from {Text(evt, "source")}");
        o.WriteLine($"AWS     {endpoint} ({(embedded ? "embedded emulation" : "given endpoint")}{(world is null ? "" : ", world " + world)})");
        o.WriteLine($"Routes  {(routes.Count == 0 ? "(no function's rule matches this event)" : string.Join(", ", routes.Select(r => r.Name)))}");
        foreach (var i in invocations)
        {
            var r = i.Result;
            o.WriteLine();
            o.WriteLine($"{i.Function}: {i.Outcome.Word()}. {Text(r, "reason")}");
            o.WriteLine($"  incident  {Text(r, "incidentId") ?? "-"}");
            var actions = r.GetProperty("actions");
            o.WriteLine(actions.GetArrayLength() == 0 ? "  plan      no writes" : "  plan");
            foreach (var a in actions.EnumerateArray())
            {
                o.WriteLine($"    [{Text(a, "status")}] {Text(a, "kind")} {Text(a, "target")}  {Text(a, "detail")}");
            }
            if (r.TryGetProperty("notification", out var n) && n.ValueKind == JsonValueKind.Object)
            {
                o.WriteLine($"  notified  {Text(n, "subject")}");
                o.WriteLine($"            message {Text(n, "messageId")} on {Text(n, "topicArn")}");
            }
            if (i.Outcome == IncidentOutcome.Failed && i.Logs.Length > 0)
            {
                o.WriteLine("  logs");
                foreach (var line in i.Logs.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    o.WriteLine("    " + line);
                }
            }
        }
        if (changes is null)
        {
            return;
        }
        o.WriteLine();
        var writes = changes.Where(c => c.IsWrite).ToList();
        o.WriteLine(writes.Count == 0 ? "What changed: nothing" : "What changed (AWS writes, in order)");
        foreach (var c in writes)
        {
            o.WriteLine($"  {c.Service} {c.Operation} -> {c.Status}  {c.Summary}");
        }
        foreach (var publish in changes.Where(c => c.Operation == "Publish" && c.Status == 200))
        {
            o.WriteLine();
            o.WriteLine("Notification text (as e-mail subscribers read it)");
            foreach (var line in NotificationText(publish.Parameters).Split('\n'))
            {
                o.WriteLine("  | " + line.TrimEnd('\r'));
            }
        }
    }

    private static string NotificationText(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("Message", out var m) || m.GetString() is not { } message)
        {
            return "(not recorded)";
        }
        try
        {
            using var doc = JsonDocument.Parse(message);
            return doc.RootElement.TryGetProperty("default", out var d) ? d.GetString() ?? "" : message;
        }
        catch (JsonException)
        {
            return message;
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
