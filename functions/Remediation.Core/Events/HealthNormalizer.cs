using System.Globalization;
using Remediation.Core.Findings;

namespace Remediation.Core.Events;

/// <summary>"AWS Health Event" → <see cref="Finding"/>.</summary>
internal static class HealthNormalizer
{
    /// <summary>AWS found an access key of the account in public (a code repository, a paste site).</summary>
    public const string CredentialsExposed = "AWS_RISK_CREDENTIALS_EXPOSED";

    // Health carries no severity. A publicly exposed key is the most urgent case there is: High (8).
    // Any other Health event that reaches a function is informational for us: Low (2).
    private const double ExposedSeverity = 8;
    private const double OtherSeverity = 2;

    public static Finding Normalize(EnvelopeFacts envelope, HealthEventDetail detail)
    {
        var eventArn = Required.String(detail.EventArn, "detail.eventArn");
        var typeCode = Required.String(detail.EventTypeCode, "detail.eventTypeCode");
        var account = detail.AffectedAccount ?? envelope.Account;
        var region = detail.EventRegion is { Length: > 0 } r && r != "global" ? r : envelope.Region;
        var exposed = typeCode == CredentialsExposed;
        var keys = (detail.AffectedEntities ?? [])
            .Select(e => e?.EntityValue?.Trim())
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (exposed && keys.Count == 0)
        {
            throw InvalidEventException.Missing("detail.affectedEntities[0].entityValue");
        }

        var principal = exposed
            ? new Principal(PrincipalKind.IamUser, account, Name: null, Arn: null, PrincipalId: null, SessionName: null, AccessKeyId: keys[0])
            : null;
        var resource = exposed
            ? new ResourceRef(ResourceKind.AccessKey, keys[0], null, ResourceAttributes.Of(
                ("accessKeyIds", string.Join(",", keys)), ("eventArn", eventArn), ("service", detail.Service)))
            : null;
        var title = exposed
            ? $"AWS Health: access key {string.Join(", ", keys)} was found exposed in public ({typeCode})"
            : $"AWS Health {detail.Service ?? "event"} {typeCode}";

        // The event ARN is not unique across accounts (Health schema), so the account is part of the key.
        return new Finding(
            FindingSource.Health,
            envelope.Id,
            eventArn,
            $"health:{account}:{eventArn}",
            typeCode,
            title,
            new Severity(exposed ? ExposedSeverity : OtherSeverity),
            account,
            region,
            Time(detail.LastUpdatedTime) ?? Time(detail.StartTime) ?? envelope.Time,
            IsSample: false,
            principal,
            resource,
            ApiCall: null,
            Compliance: null,
            Scan: null,
            envelope.Detail);
    }

    private static DateTimeOffset? Time(string? text) =>
        !string.IsNullOrWhiteSpace(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
