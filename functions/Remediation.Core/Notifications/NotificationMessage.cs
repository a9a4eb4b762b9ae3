namespace Remediation.Core.Notifications;

/// <summary>One SNS message: subject, per-protocol JSON body (MessageStructure=json) and filterable attributes.</summary>
/// <param name="Subject">Under 100 characters, one line.</param>
/// <param name="Text">The human text (default and email).</param>
/// <param name="Body">The MessageStructure=json document.</param>
/// <param name="Attributes">severity, function, outcome, findingType, account.</param>
public sealed record NotificationMessage(string Subject, string Text, string Body, IReadOnlyDictionary<string, string> Attributes);
