using System.Text;
using Remediation.Core.Notifications;
using Remediation.Tests.Events;

namespace Remediation.Tests.Notifications;

/// <summary>SNS refuses messages over 262,144 bytes (SNS Publish): whatever the plan's size, the message fits and says where the rest is.</summary>
public sealed class NotificationSizeTests
{
    private const int SnsLimit = 262_144;

    private static IncidentReport Report(int actions, string text = "")
    {
        var finding = SampleEvents.Parse("guardduty/sagemaker-exec-role-anomalous-exfiltration.json").Finding!;
        var records = Enumerable.Range(0, actions).Select(i => new ActionRecord("sagemaker:StopTrainingJob",
            $"arn:aws:sagemaker:us-east-1:123456789012:training-job/job-{i:00000}{text}", "stop every job of the compromised role" + text,
            new Dictionary<string, string>(), i % 10 == 0 ? ActionStatus.Skipped : ActionStatus.Done,
            "was InProgress; stop requested" + text, null, null)).ToList();
        return new IncidentReport("StopTrainingJob", "inc-0123456789abcdef0123", IncidentOutcome.Remediated, "contained" + text, finding,
            new Headline("Stopped " + actions + " jobs of role sagemaker-exec", "Would stop jobs"), records, [.. Enumerable.Repeat("skipped one" + text, actions / 10)])
        { Evidence = [.. Enumerable.Repeat("evidence" + text, actions / 10)] };
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(100, 0)]
    [InlineData(10_000, 0)]
    [InlineData(100, 16_384)]
    public void The_message_fits_SNS_and_counts_what_it_does_not_list(int actions, int textLength)
    {
        var message = NotificationComposer.Compose(Report(actions, new string('x', textLength)), "remediate rollback inc-0123456789abcdef0123");

        Assert.True(Encoding.UTF8.GetByteCount(message.Body) <= NotificationComposer.MaxBodyBytes, $"{Encoding.UTF8.GetByteCount(message.Body)} bytes");
        Assert.True(Encoding.UTF8.GetByteCount(message.Body) < SnsLimit);
        using var body = JsonDocument.Parse(message.Body);
        using var machine = JsonDocument.Parse(body.RootElement.GetProperty("sqs").GetString()!);
        Assert.Equal(actions, machine.RootElement.GetProperty("actionsTotal").GetInt32());
        Assert.InRange(machine.RootElement.GetProperty("actions").GetArrayLength(), 1, 25);
        if (actions > 25)
        {
            Assert.Contains($"more actions. All {actions}:", message.Text, StringComparison.Ordinal);
            Assert.Contains("sagemaker:StopTrainingJob " + actions, message.Text, StringComparison.Ordinal);
            Assert.Equal(actions - machine.RootElement.GetProperty("actions").GetArrayLength(), machine.RootElement.GetProperty("actionsOmitted").GetInt32());
        }
        Assert.True(message.Subject.Length < 100);
    }

    [Fact]
    public void A_one_action_message_is_small()
    {
        // 20,305 bytes with an email copy of the text and quotes escaped as \u0022; 14,467 without (four machine copies,
        // for sqs, lambda, http and https, each carrying the finding's detail, remain).
        var message = NotificationComposer.Compose(Report(1), "remediate rollback inc-0123456789abcdef0123");
        Assert.True(Encoding.UTF8.GetByteCount(message.Body) < 15_000, $"{Encoding.UTF8.GetByteCount(message.Body)} bytes");
    }
}
