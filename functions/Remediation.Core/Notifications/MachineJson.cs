using System.Buffers;
using System.Text.Json;

namespace Remediation.Core.Notifications;

/// <summary>The machine form of a notification, for sqs/lambda/http(s) subscribers.</summary>
internal static class MachineJson
{
    /// <summary>Writes the machine JSON as UTF-8 into the buffer (emptied first).</summary>
    public static void Render(ArrayBufferWriter<byte> into, IncidentReport report, string subject, string rollbackCommand, NotificationLimits limits)
    {
        var f = report.Finding;
        into.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(into, NotificationComposer.Escaping))
        {
            w.WriteStartObject();
            w.WriteString("incidentId", report.IncidentId);
            w.WriteString("function", report.Function);
            w.WriteString("outcome", report.Outcome.Word());
            w.WriteString("reason", limits.Cut(report.Reason));
            w.WriteString("subject", subject);
            w.WriteStartObject("finding");
            w.WriteString("source", f.Source.ToString());
            w.WriteString("id", limits.Cut(f.FindingId));
            w.WriteString("type", limits.Cut(f.Type));
            w.WriteString("title", limits.Cut(f.Title));
            w.WriteNumber("severity", f.Severity.Score);
            w.WriteString("severityLabel", f.Severity.LabelText);
            w.WriteString("account", limits.Cut(f.AccountId));
            if (report.MemberRoleArn is { } role)
            {
                w.WriteString("memberRoleArn", role);
                w.WriteString("accountAlias", report.AccountAlias);
            }
            w.WriteString("region", limits.Cut(f.Region));
            w.WriteString("time", f.Time);
            w.WriteBoolean("isSample", f.IsSample);
            WritePrincipal(w, f.Principal, limits);
            WriteResource(w, f.Resource, limits);
            w.WriteEndObject();
            ActionRecordJson.Write(w, [.. report.Actions.Take(limits.ListedItems)
                .Select(a => a with { Target = limits.Cut(a.Target)!, Reason = limits.Cut(a.Reason)!, Detail = limits.Cut(a.Detail)! })], withReason: true);
            w.WriteNumber("actionsTotal", report.Actions.Count);
            if (report.Actions.Count > limits.ListedItems)
            {
                w.WriteNumber("actionsOmitted", report.Actions.Count - limits.ListedItems);
                w.WriteString("actionCounts", NotificationLimits.Counts(report.Actions));
                w.WriteString("fullRecord", $"ledger incident {report.IncidentId} (remediate incidents)");
            }
            w.WriteStartArray("skipped");
            foreach (var s in report.Skipped.Take(limits.ListedItems))
            {
                w.WriteStringValue(limits.Cut(s));
            }
            w.WriteEndArray();
            if (report.Evidence.Count > 0)
            {
                w.WriteStartArray("evidence");
                foreach (var e in report.Evidence.Take(limits.ListedItems))
                {
                    w.WriteStringValue(limits.Cut(e));
                }
                w.WriteEndArray();
            }
            w.WriteString("rollback", report.HasUndo ? rollbackCommand : null);
            if (limits.IncludeDetail && f.Detail.ValueKind != JsonValueKind.Undefined)
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
    }

    private static void WritePrincipal(Utf8JsonWriter w, Principal? p, NotificationLimits limits)
    {
        if (p is null)
        {
            w.WriteNull("principal");
            return;
        }
        w.WriteStartObject("principal");
        w.WriteString("kind", p.Kind.ToString());
        w.WriteString("account", p.AccountId);
        w.WriteString("name", limits.Cut(p.Name));
        w.WriteString("arn", limits.Cut(p.Arn));
        w.WriteString("sessionName", limits.Cut(p.SessionName));
        w.WriteString("ec2InstanceId", p.Ec2InstanceId);
        w.WriteString("accessKeyId", limits.Cut(p.AccessKeyId));
        w.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter w, ResourceRef? r, NotificationLimits limits)
    {
        if (r is null)
        {
            w.WriteNull("resource");
            return;
        }
        w.WriteStartObject("resource");
        w.WriteString("kind", r.Kind.ToString());
        w.WriteString("id", limits.Cut(r.Id));
        w.WriteString("arn", limits.Cut(r.Arn));
        w.WriteEndObject();
    }
}
