using Remediation.Core.Aws.Sns;

namespace Remediation.Core.Notifications;

/// <summary>Where an incident's one message per attempt outcome goes: the stack's topic.</summary>
public interface INotifier
{
    /// <summary>The topic the message goes to (reported in the result).</summary>
    string TopicArn { get; }

    /// <summary>Publishes; returns the message id. Failures propagate so Lambda retries.</summary>
    Task<string> PublishAsync(NotificationMessage message, CancellationToken ct);
}

/// <summary>Publishes a composed notification to the stack's SNS topic.</summary>
public sealed class SnsNotifier(ISns sns, string topicArn) : INotifier
{
    /// <inheritdoc />
    public string TopicArn => topicArn;

    /// <inheritdoc />
    public Task<string> PublishAsync(NotificationMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return sns.PublishAsync(new SnsPublishRequest(topicArn, message.Subject, message.Body, "json", message.Attributes), ct);
    }
}
