using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remediation.Core.Events;

/// <summary>
/// The EventBridge event around every detail (docs/aws-reference.md §A1): <c>detail-type</c> is hyphenated,
/// the detail is kept as raw JSON and parsed per detail type.
/// </summary>
public sealed record EventEnvelope
{
    /// <summary>Envelope version, "0".</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>The EventBridge event id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>"GuardDuty Finding", "AWS API Call via CloudTrail", ...</summary>
    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    /// <summary>"aws.guardduty", "aws.iam", "aws.config", ...</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>The account that emitted the event.</summary>
    [JsonPropertyName("account")]
    public string? Account { get; init; }

    /// <summary>When EventBridge received the event.</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset? Time { get; init; }

    /// <summary>The region that emitted the event.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary>ARNs the event is about (often empty).</summary>
    [JsonPropertyName("resources")]
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>The detail object, raw; <see cref="JsonValueKind.Undefined"/> when absent.</summary>
    [JsonPropertyName("detail")]
    public JsonElement Detail { get; init; }
}
