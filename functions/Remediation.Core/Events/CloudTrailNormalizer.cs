namespace Remediation.Core.Events;

/// <summary>"AWS API Call via CloudTrail" → <see cref="Finding"/> (docs/aws-reference.md §A3).</summary>
internal static class CloudTrailNormalizer
{
    // The EventBridge rules already select the dangerous calls (template.yaml), so every CloudTrail event that
    // reaches a function is scored High. A call that failed changed nothing: it is an attempt, Medium, and reported
    // once per actor, call and hour however often the actor retries (a denied script loops).
    private const double RoutedCallSeverity = 7;
    private const double FailedCallSeverity = 5;
    private static readonly TimeSpan FailedCallWindow = TimeSpan.FromHours(1);

    public static Finding Normalize(EnvelopeFacts envelope, CloudTrailDetail detail)
    {
        var eventId = Required.String(detail.EventId, "detail.eventID");
        var eventSource = Required.String(detail.EventSource, "detail.eventSource");
        var eventName = Required.String(detail.EventName, "detail.eventName");
        var eventTime = EventTimes.Or(detail.EventTime, envelope.Time);
        var identity = Required.Object(detail.UserIdentity, "detail.userIdentity");
        var account = detail.RecipientAccountId ?? envelope.Account;
        var region = detail.AwsRegion ?? envelope.Region;
        var type = ServicePrefix(eventSource) + ":" + eventName;

        var principal = CloudTrailPrincipal.From(identity, account, Arns.PartitionOf(region));
        var resource = CloudTrailTarget.From(eventSource, detail.RequestParameters, detail.ResponseElements, account, region, Arns.PartitionOf(region));
        var apiCall = new ApiCall(eventSource, eventName, detail.ErrorCode, detail.RequestParameters, detail.ResponseElements,
            detail.UserAgent, detail.SourceIpAddress);

        return new Finding(
            FindingSource.CloudTrail,
            envelope.Id,
            eventId,
            detail.ErrorCode is null ? "cloudtrail:" + eventId : FailedCallKey(principal, eventName, eventTime),
            type,
            Title(type, principal, resource, detail.ErrorCode),
            new Severity(detail.ErrorCode is null ? RoutedCallSeverity : FailedCallSeverity),
            account,
            region,
            eventTime,
            IsSample: false,
            principal,
            resource,
            apiCall,
            Compliance: null,
            Scan: null,
            envelope.Detail);
    }

    private static string FailedCallKey(Principal principal, string eventName, DateTimeOffset time)
    {
        var window = time.ToUnixTimeSeconds() / (long)FailedCallWindow.TotalSeconds;
        return $"cloudtrail-failed:{principal.Arn ?? principal.PrincipalId ?? principal.Kind.ToString()}:{eventName}:{window}";
    }

    /// <summary>"iam.amazonaws.com" → "iam".</summary>
    internal static string ServicePrefix(string eventSource)
    {
        var dot = eventSource.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? eventSource[..dot] : eventSource;
    }

    private static string Title(string type, Principal principal, ResourceRef? resource, string? errorCode)
    {
        var actor = principal.Name ?? principal.Arn ?? principal.PrincipalId ?? principal.Kind.ToString();
        var target = resource is null ? "" : $" on {resource.Id}";
        var outcome = errorCode is null ? "" : $" (failed: {errorCode})";
        return $"{actor} called {type}{target}{outcome}";
    }
}
