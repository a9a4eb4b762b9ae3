namespace Remediation.Core.Pipeline;

/// <summary>What one invocation produced: the report, and where it was published.</summary>
/// <param name="Report">The incident report.</param>
/// <param name="TopicArn">The topic, when published.</param>
/// <param name="MessageId">The SNS message id, when published.</param>
/// <param name="Subject">The subject, when published.</param>
public sealed record PipelineResult(IncidentReport Report, string? TopicArn, string? MessageId, string? Subject);
