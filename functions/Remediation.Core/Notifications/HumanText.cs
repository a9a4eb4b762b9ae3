using System.Globalization;
using System.Text;

namespace Remediation.Core.Notifications;

/// <summary>The readable text of a notification: what happened, what was done, what was skipped, how to undo.</summary>
internal static class HumanText
{
    public static string Render(IncidentReport report, string subject, string rollbackCommand, NotificationLimits limits)
    {
        var f = report.Finding;
        var sb = new StringBuilder();
        sb.AppendLine(subject).AppendLine();
        sb.AppendLine("WHAT HAPPENED");
        Line(sb, $"{TextSanitizer.OneLine(f.Type, 200)}, severity {NotificationComposer.Score(f)} ({f.Severity.LabelText}){(f.IsSample ? ", SAMPLE finding" : "")}");
        if (f.Title.Length > 0)
        {
            Line(sb, TextSanitizer.OneLine(f.Title, 300));
        }
        if (f.Principal is { } p)
        {
            Line(sb, "Principal: " + TextSanitizer.OneLine(NotificationComposer.Describe(p), 300) + (p.AccessKeyId is { } k ? ", access key " + k : ""));
        }
        if (f.Resource is { } r)
        {
            Line(sb, $"Resource: {r.Kind} {TextSanitizer.OneLine(r.Arn ?? r.Id, 300)}");
        }
        if (report.MemberRoleArn is { } role)
        {
            var alias = report.AccountAlias is { } a ? $" ({TextSanitizer.OneLine(a, 63)})" : "";
            Line(sb, $"Member account {f.AccountId}{alias}: every read and write went through role {role}");
        }
        Line(sb, $"Account {f.AccountId}, {f.Region}, {f.Time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}, finding {TextSanitizer.OneLine(f.FindingId, 120)}");
        sb.AppendLine();
        if (report.Evidence.Count > 0)
        {
            sb.AppendLine("WHY");
            foreach (var e in report.Evidence.Take(limits.ListedItems))
            {
                Line(sb, TextSanitizer.OneLine(e, 400));
            }
            More(sb, report.Evidence.Count - limits.ListedItems, "more lines of evidence");
            sb.AppendLine();
        }

        sb.AppendLine($"WHAT WAS DONE (outcome: {report.Outcome.Word()})");
        if (report.Reason.Length > 0)
        {
            Line(sb, TextSanitizer.OneLine(report.Reason, 400));
        }
        foreach (var a in report.Actions.Take(limits.ListedItems))
        {
            Line(sb, $"[{a.Status.Word()}] {a.Kind} on {TextSanitizer.OneLine(a.Target, 300)}: {TextSanitizer.OneLine(a.Reason, 300)}{Detail(a.Detail)}");
        }
        if (report.Actions.Count > limits.ListedItems)
        {
            Line(sb, $"... and {report.Actions.Count - limits.ListedItems} more actions. All {report.Actions.Count}: {NotificationLimits.Counts(report.Actions)}.");
            Line(sb, $"The full record is in the ledger: remediate incidents (incident {report.IncidentId}).");
        }
        if (report.Actions.Count == 0)
        {
            Line(sb, "No change was made.");
        }
        if (report.Skipped.Count > 0)
        {
            sb.AppendLine().AppendLine("SKIPPED");
            foreach (var s in report.Skipped.Take(limits.ListedItems))
            {
                Line(sb, TextSanitizer.OneLine(s, 400));
            }
            More(sb, report.Skipped.Count - limits.ListedItems, "more skipped");
        }
        sb.AppendLine().AppendLine("UNDO");
        Line(sb, report.HasUndo ? rollbackCommand : "Nothing to undo.");
        if (report.HasUndo)
        {
            Line(sb, "(lists the inverse actions; add --execute to apply them. Installing the remediate tool: README, Rollback)");
        }
        sb.AppendLine().Append(CultureInfo.InvariantCulture, $"Incident {report.IncidentId}, function {report.Function}.");
        return sb.ToString();
    }

    private static string Detail(string detail) => detail.Length == 0 ? "" : " (" + TextSanitizer.OneLine(detail, 300) + ")";

    private static void Line(StringBuilder sb, string text) => sb.Append("  ").AppendLine(text);

    private static void More(StringBuilder sb, int more, string what)
    {
        if (more > 0)
        {
            Line(sb, $"... and {more} {what} (the ledger has them all).");
        }
    }
}
