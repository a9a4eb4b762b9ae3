using Remediation.Core.Aws.Sns;

namespace Remediation.Core.Notifications;

/// <summary>Publishes a composed notification to the stack's topic.</summary>
public sealed class SnsNotifier(ISns sns, string topicArn)
{
    /// <summary>The topic.</summary>
    public string TopicArn => topicArn;

    /// <summary>Publishes; returns the message id. Failures propagate so Lambda retries.</summary>
    public Task<string> PublishAsync(NotificationMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return sns.PublishAsync(new SnsPublishRequest(topicArn, message.Subject, message.Body, "json", message.Attributes), ct);
    }
}
