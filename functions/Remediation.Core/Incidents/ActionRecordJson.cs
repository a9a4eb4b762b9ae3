using System.Text.Json;

namespace Remediation.Core.Incidents;

/// <summary>The actions array of the report contract (docs/architecture.md §contract), written one way everywhere.</summary>
public static class ActionRecordJson
{
    /// <summary>Writes the actions array of the report contract: kind, target, status, (reason,) detail.</summary>
    public static void Write(Utf8JsonWriter w, IReadOnlyList<ActionRecord> actions, bool withReason)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(actions);
        w.WriteStartArray("actions");
        foreach (var a in actions)
        {
            w.WriteStartObject();
            w.WriteString("kind", a.Kind);
            w.WriteString("target", a.Target);
            w.WriteString("status", a.Status.Word());
            if (withReason)
            {
                w.WriteString("reason", a.Reason);
            }
            w.WriteString("detail", a.Detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
