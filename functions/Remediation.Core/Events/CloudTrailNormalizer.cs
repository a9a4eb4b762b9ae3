using Remediation.Core.Findings;

namespace Remediation.Core.Events;

/// <summary>"AWS API Call via CloudTrail" → <see cref="Finding"/> (aws-facts §A3).</summary>
internal static class CloudTrailNormalizer
{
    // The EventBridge rules already select the dangerous calls (template.yaml), so every CloudTrail event that
    // reaches a function is scored High. Denied calls keep the score; guardrails read ApiCall.ErrorCode.
    private const double RoutedCallSeverity = 7;

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
            "cloudtrail:" + eventId,
            type,
            Title(type, principal, resource, detail.ErrorCode),
            new Severity(RoutedCallSeverity),
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
