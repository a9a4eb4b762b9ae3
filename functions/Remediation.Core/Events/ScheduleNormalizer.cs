namespace Remediation.Core.Events;

/// <summary>
/// An EventBridge "Scheduled Event" → <see cref="Finding"/> of the function's own scheduled work (docs/aws-reference.md §A7).
/// It names no principal and no resource: what the work touches is decided by the function from its own records.
/// </summary>
internal static class ScheduleNormalizer
{
    /// <summary>The only source of schedule rule deliveries; PutEvents callers cannot use an "aws." source.</summary>
    public const string Source = "aws.events";

    // Scored at the shared threshold so the subject reads [MEDIUM]; the severity gate does not apply to own work.
    private const double WorkSeverity = 5;

    public static Finding Normalize(EnvelopeFacts envelope, IReadOnlyList<string>? resources)
    {
        if (envelope.Source != Source)
        {
            throw new InvalidEventException(new ParseError(ParseErrorCodes.UnsupportedDetailType,
                $"detail-type \"{DetailTypes.ScheduledEvent}\" from source \"{envelope.Source}\" is not a schedule rule's delivery (expected source \"{Source}\")"));
        }
        var rule = resources?.FirstOrDefault(r => r?.Contains(":rule/", StringComparison.Ordinal) == true) is { } arn
            ? arn[(arn.LastIndexOf('/') + 1)..]
            : "(unnamed rule)";
        return new Finding(FindingSource.Schedule, envelope.Id, envelope.Id, "schedule:" + envelope.Id, DetailTypes.ScheduledEvent,
            $"Scheduled run of rule {rule}", new Severity(WorkSeverity), envelope.Account, envelope.Region, envelope.Time,
            IsSample: false, Principal: null, Resource: null, ApiCall: null, Compliance: null, Scan: null, envelope.Detail);
    }
}
