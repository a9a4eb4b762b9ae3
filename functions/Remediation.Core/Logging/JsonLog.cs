using System.Text;
using System.Text.Json;

namespace Remediation.Core.Logging;

/// <summary>
/// One JSON object per line on stdout (CloudWatch), each carrying the function, incident id and finding id.
/// Never pass secrets: nothing here redacts.
/// </summary>
public sealed class JsonLog(TextWriter output, string function, TimeProvider time)
{
    private readonly object gate = new();

    /// <summary>The incident being handled, once known.</summary>
    public string? IncidentId { get; set; }

    /// <summary>The finding being handled, once known.</summary>
    public string? FindingId { get; set; }

    /// <summary>The invocation's X-Ray trace id, when the runtime gives one.</summary>
    public string? TraceId { get; init; }

    /// <summary>Writes an INFO line.</summary>
    public void Info(string message, params (string Key, string? Value)[] fields) => Write("INFO", message, fields);

    /// <summary>Writes a WARN line.</summary>
    public void Warn(string message, params (string Key, string? Value)[] fields) => Write("WARN", message, fields);

    /// <summary>Writes an ERROR line.</summary>
    public void Error(string message, params (string Key, string? Value)[] fields) => Write("ERROR", message, fields);

    private void Write(string level, string message, (string Key, string? Value)[] fields)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("time", time.GetUtcNow());
            w.WriteString("level", level);
            w.WriteString("function", function);
            w.WriteString("incidentId", IncidentId);
            w.WriteString("findingId", FindingId);
            if (TraceId is not null)
            {
                w.WriteString("traceId", TraceId);
            }
            w.WriteString("message", message);
            foreach (var (key, value) in fields)
            {
                w.WriteString(key, value);
            }
            w.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(stream.ToArray());
        lock (gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
