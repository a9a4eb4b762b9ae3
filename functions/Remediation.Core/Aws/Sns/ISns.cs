namespace Remediation.Core.Aws.Sns;

/// <summary>The SNS operations the product calls.</summary>
public interface ISns
{
    /// <summary>Publish; returns the message id.</summary>
    Task<string> PublishAsync(SnsPublishRequest request, CancellationToken ct);
    /// <summary>CreateTopic (idempotent); returns the topic ARN. Used by drills to create the stack's topic.</summary>
    Task<string> CreateTopicAsync(string name, CancellationToken ct);
}

/// <summary>A Publish request. With <see cref="MessageStructure"/> "json", <see cref="Message"/> must hold a "default" key.</summary>
public sealed record SnsPublishRequest(
    string TopicArn,
    string Subject,
    string Message,
    string? MessageStructure,
    IReadOnlyDictionary<string, string> StringAttributes);
