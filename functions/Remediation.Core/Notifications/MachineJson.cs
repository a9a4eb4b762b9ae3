using System.Text;
using System.Text.Json;
using Remediation.Core.Findings;
using Remediation.Core.Pipeline;

namespace Remediation.Core.Notifications;

/// <summary>The machine form of a notification, for sqs/lambda/http(s) subscribers.</summary>
internal static class MachineJson
{
    public static string Render(IncidentReport report, string subject, string rollbackCommand, bool includeDetail)
    {
        var f = report.Finding;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("incidentId", report.IncidentId);
            w.WriteString("function", report.Function);
            w.WriteString("outcome", report.Outcome);
            w.WriteString("reason", report.Reason);
            w.WriteString("subject", subject);
            w.WriteStartObject("finding");
            w.WriteString("source", f.Source.ToString());
            w.WriteString("id", f.FindingId);
            w.WriteString("type", f.Type);
            w.WriteString("title", f.Title);
            w.WriteNumber("severity", f.Severity.Score);
            w.WriteString("severityLabel", f.Severity.LabelText);
            w.WriteString("account", f.AccountId);
            w.WriteString("region", f.Region);
            w.WriteString("time", f.Time);
            w.WriteBoolean("isSample", f.IsSample);
            WritePrincipal(w, f.Principal);
            WriteResource(w, f.Resource);
            w.WriteEndObject();
            ActionRecords.WriteJson(w, report.Actions, withReason: true);
            w.WriteStartArray("skipped");
            foreach (var s in report.Skipped)
            {
                w.WriteStringValue(s);
            }
            w.WriteEndArray();
            if (report.Evidence.Count > 0)
            {
                w.WriteStartArray("evidence");
                foreach (var e in report.Evidence)
                {
                    w.WriteStringValue(e);
                }
                w.WriteEndArray();
            }
            w.WriteString("rollback", report.HasUndo ? rollbackCommand : null);
            if (includeDetail && f.Detail.ValueKind != JsonValueKind.Undefined)
            {
                w.WritePropertyName("detail");
                f.Detail.WriteTo(w);
            }
            else
            {
                w.WriteBoolean("detailOmitted", true);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WritePrincipal(Utf8JsonWriter w, Principal? p)
    {
        if (p is null)
        {
            w.WriteNull("principal");
            return;
        }
        w.WriteStartObject("principal");
        w.WriteString("kind", p.Kind.ToString());
        w.WriteString("account", p.AccountId);
        w.WriteString("name", p.Name);
        w.WriteString("arn", p.Arn);
        w.WriteString("sessionName", p.SessionName);
        w.WriteString("ec2InstanceId", p.Ec2InstanceId);
        w.WriteString("accessKeyId", p.AccessKeyId);
        w.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter w, ResourceRef? r)
    {
        if (r is null)
        {
            w.WriteNull("resource");
            return;
        }
        w.WriteStartObject("resource");
        w.WriteString("kind", r.Kind.ToString());
        w.WriteString("id", r.Id);
        w.WriteString("arn", r.Arn);
        w.WriteEndObject();
    }
}
