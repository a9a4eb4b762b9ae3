using Remediation.Core.Notifications;

namespace Remediation.Tests.Notifications;

public class NotificationComposerTests
{
    private static readonly Headline Revoke = new("Revoked sessions of role ml-training-ec2-role", "Would revoke sessions of role ml-training-ec2-role");

    private static ActionRecord Done() => new("iam:PutRolePolicy", "arn:aws:iam::123456789012:role/ml-training-ec2-role", "revoke sessions issued before now",
        new Dictionary<string, string> { ["roleName"] = "ml-training-ec2-role" }, ActionStatus.Done, "policy AWSRevokeOlderSessions put", "none",
        new InverseRecord("iam:DeleteRolePolicy", "arn:aws:iam::123456789012:role/ml-training-ec2-role", "undo", new Dictionary<string, string>()));

    private static IncidentReport Report(IncidentOutcome outcome, Core.Findings.Finding? finding = null, params ActionRecord[] actions) =>
        new("RevokeIamPermissions", "inc-0123456789abcdef0123", outcome, "contained", finding ?? TestFindings.GuardDuty(), Revoke, actions, ["other keys left active"]);

    [Fact]
    public void Subject_reads_like_the_design_example()
    {
        var m = NotificationComposer.Compose(Report(IncidentOutcome.Remediated, null, Done()), "cmd");
        Assert.Equal("[HIGH] Revoked sessions of role ml-training-ec2-role (credential exfiltration)", m.Subject);
    }

    [Theory]
    [InlineData(IncidentOutcome.DryRun, "[HIGH] DRY-RUN Would revoke")]
    [InlineData(IncidentOutcome.Failed, "[HIGH] FAILED Would revoke")]
    [InlineData(IncidentOutcome.Skipped, "[HIGH] NOT CONTAINED Would revoke")]
    public void Subject_says_when_nothing_was_contained(IncidentOutcome outcome, string prefix)
    {
        var m = NotificationComposer.Compose(Report(outcome, null, Done() with { Status = ActionStatus.Planned }), "cmd");
        Assert.StartsWith(prefix, m.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_stays_one_short_line_whatever_the_event_says()
    {
        var nasty = TestFindings.GuardDuty(type: "Recon:IAMUser/" + new string('X', 300) + "\r\nInjected: header");
        var report = Report(IncidentOutcome.Skipped, nasty) with { Headline = Headline.Same("Reported user \"o'brien\"\n\t/weird/ünïcode " + new string('y', 200)) };
        var m = NotificationComposer.Compose(report, "cmd");
        Assert.True(m.Subject.Length < 100, m.Subject);
        Assert.DoesNotContain('\n', m.Subject);
        Assert.DoesNotContain('\r', m.Subject);
        Assert.DoesNotContain('\t', m.Subject);
        Assert.EndsWith("…", m.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_is_sns_message_structure_json_with_text_and_machine_copies()
    {
        var m = NotificationComposer.Compose(Report(IncidentOutcome.Remediated, null, Done()), "dotnet run --project tools/Remediate -- rollback inc-0123456789abcdef0123");
        using var body = JsonDocument.Parse(m.Body);
        var root = body.RootElement;
        Assert.Equal(m.Text, root.GetProperty("default").GetString());
        // Email falls back to "default" (SNS Publish): the text appears once, and quotes are escaped minimally.
        Assert.False(root.TryGetProperty("email", out _));
        Assert.Equal(1, CountOf(m.Body, "WHAT WAS DONE"));
        Assert.DoesNotContain("\\u0022", m.Body, StringComparison.Ordinal);
        using var machine = JsonDocument.Parse(root.GetProperty("sqs").GetString()!);
        Assert.Equal("remediated", machine.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("ml-training-ec2-role", machine.RootElement.GetProperty("finding").GetProperty("principal").GetProperty("name").GetString());
        Assert.Equal("i-0abc1234def567890", machine.RootElement.GetProperty("finding").GetProperty("principal").GetProperty("ec2InstanceId").GetString());
        Assert.Equal("done", machine.RootElement.GetProperty("actions")[0].GetProperty("status").GetString());
        Assert.Equal("f-1", machine.RootElement.GetProperty("detail").GetProperty("id").GetString());
        Assert.Equal(root.GetProperty("sqs").GetString(), root.GetProperty("https").GetString());
        Assert.Equal(root.GetProperty("sqs").GetString(), root.GetProperty("lambda").GetString());
    }

    [Fact]
    public void Text_answers_what_happened_what_was_done_skipped_and_undo()
    {
        var m = NotificationComposer.Compose(Report(IncidentOutcome.Remediated, null, Done()), "dotnet run --project tools/Remediate -- rollback inc-0123456789abcdef0123");
        Assert.Contains("WHAT HAPPENED", m.Text, StringComparison.Ordinal);
        Assert.Contains("role ml-training-ec2-role (session i-0abc1234def567890, EC2 instance i-0abc1234def567890)", m.Text, StringComparison.Ordinal);
        Assert.Contains("[done] iam:PutRolePolicy on arn:aws:iam::123456789012:role/ml-training-ec2-role", m.Text, StringComparison.Ordinal);
        Assert.Contains("SKIPPED\n  other keys left active", m.Text, StringComparison.Ordinal);
        Assert.Contains("rollback inc-0123456789abcdef0123", m.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_undo_says_so()
    {
        var m = NotificationComposer.Compose(Report(IncidentOutcome.Skipped), "rollback-cmd");
        Assert.Contains("Nothing to undo.", m.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("rollback-cmd", m.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Attributes_support_subscription_filters()
    {
        var m = NotificationComposer.Compose(Report(IncidentOutcome.Remediated, null, Done()), "cmd");
        Assert.Equal("HIGH", m.Attributes["severity"]);
        Assert.Equal("RevokeIamPermissions", m.Attributes["function"]);
        Assert.Equal("remediated", m.Attributes["outcome"]);
        Assert.Equal("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", m.Attributes["findingType"]);
        Assert.Equal("123456789012", m.Attributes["account"]);
    }

    [Fact]
    public void Oversized_detail_is_dropped_to_stay_under_the_sns_limit()
    {
        var huge = JsonDocument.Parse(JsonSerializer.Serialize(new { blob = new string('a', 200_000) })).RootElement.Clone();
        var finding = TestFindings.GuardDuty() with { Detail = huge };
        var m = NotificationComposer.Compose(Report(IncidentOutcome.Remediated, finding, Done()), "cmd");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(m.Body) < 262_144);
        using var machine = JsonDocument.Parse(JsonDocument.Parse(m.Body).RootElement.GetProperty("sqs").GetString()!);
        Assert.True(machine.RootElement.GetProperty("detailOmitted").GetBoolean());
    }

    [Theory]
    [InlineData("CredentialAccess:IAMUser/AnomalousBehavior", "credential access: anomalous behavior")]
    [InlineData("Recon:IAMUser/MaliciousIPCaller.Custom", "call from a malicious IP")]
    [InlineData("Exfiltration:S3/AnomalousBehavior", "exfiltration: anomalous behavior")]
    [InlineData("UnauthorizedAccess:IAMUser/TorIPCaller", "call from Tor")]
    public void Finding_types_get_short_human_names(string type, string expected) =>
        Assert.Equal(expected, FindingDescriptions.Brief(TestFindings.GuardDuty(type: type)));

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
