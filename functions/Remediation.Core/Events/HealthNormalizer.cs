using System.Globalization;

namespace Remediation.Core.Events;

/// <summary>"AWS Health Event" → <see cref="Finding"/>.</summary>
internal static class HealthNormalizer
{
    /// <summary>AWS found an access key of the account in public (a code repository, a paste site).</summary>
    public const string CredentialsExposed = "AWS_RISK_CREDENTIALS_EXPOSED";

    // The AWS Health codes about an account's IAM access keys, each naming the keys in affectedEntities, as AWS's own
    // aws-health-tools automation (AWS_RISK_CREDENTIALS_EXPOSED remediation) matches them. Health carries no severity:
    // a key seen in use by someone else is the most urgent (9), one seen in public or put in AWS's quarantine next (8),
    // a suspicion still at the remediation threshold (7). Any other Health event is informational for us (2).
    private static readonly Dictionary<string, double> CredentialRisks = new(StringComparer.Ordinal)
    {
        ["AWS_RISK_CREDENTIALS_COMPROMISED"] = 9,
        [CredentialsExposed] = 8,
        ["AWS_RISK_IAM_QUARANTINE"] = 8,
        ["AWS_RISK_CREDENTIALS_COMPROMISE_SUSPECTED"] = 7,
        ["AWS_RISK_CREDENTIALS_EXPOSURE_SUSPECTED"] = 7,
    };

    private const double OtherSeverity = 2;

    /// <summary>The Health event type codes about an access key at risk.</summary>
    public static IReadOnlyCollection<string> CredentialRiskCodes => CredentialRisks.Keys;

    public static Finding Normalize(EnvelopeFacts envelope, HealthEventDetail detail)
    {
        var eventArn = Required.String(detail.EventArn, "detail.eventArn");
        var typeCode = Required.String(detail.EventTypeCode, "detail.eventTypeCode");
        var account = detail.AffectedAccount ?? envelope.Account;
        var region = detail.EventRegion is { Length: > 0 } r && r != "global" ? r : envelope.Region;
        var exposed = CredentialRisks.ContainsKey(typeCode);
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
            ? $"AWS Health: access key {string.Join(", ", keys)} {RiskPhrase(typeCode)} ({typeCode})"
            : $"AWS Health {detail.Service ?? "event"} {typeCode}";

        // The event ARN is not unique across accounts (Health schema), so the account is part of the key.
        return new Finding(
            FindingSource.Health,
            envelope.Id,
            eventArn,
            $"health:{account}:{eventArn}",
            typeCode,
            title,
            new Severity(exposed ? CredentialRisks[typeCode] : OtherSeverity),
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

    private static string RiskPhrase(string typeCode) => typeCode switch
    {
        CredentialsExposed => "was found exposed in public",
        "AWS_RISK_CREDENTIALS_COMPROMISED" => "is compromised",
        "AWS_RISK_IAM_QUARANTINE" => "was quarantined by AWS (AWSCompromisedKeyQuarantine)",
        _ => "may be exposed or compromised",
    };
}
