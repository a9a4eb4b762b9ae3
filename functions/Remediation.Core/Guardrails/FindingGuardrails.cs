using Remediation.Core.Configuration;

namespace Remediation.Core.Guardrails;

/// <summary>
/// Checks a finding before any write: samples, denied calls, severity, root, cross-account, exempt or protected principals.
/// The first objection wins and is reported.
/// </summary>
public sealed class FindingGuardrails(RemediationSettings settings, ITagLookup tags)
{
    /// <summary>Evaluates the finding.</summary>
    public async Task<Verdict> EvaluateAsync(Finding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (NothingToPlan(finding, settings) is { } reportOnly)
        {
            return new Verdict(VerdictKind.ReportOnly, reportOnly);
        }
        // MIN_SEVERITY weighs what others report; a function's own scheduled work has no severity to weigh.
        if (finding.Source != FindingSource.Schedule && finding.Severity.Score < settings.MinSeverity)
        {
            return new Verdict(VerdictKind.ReportOnly, $"severity {finding.Severity.Score:0.#} is below this function's threshold {settings.MinSeverity:0.#} (MIN_SEVERITY): reported, not acted on");
        }
        if (finding.Principal is { } principal)
        {
            var objection = await PrincipalObjectionAsync(principal, finding.AccountId, ct);
            if (objection is not null)
            {
                return new Verdict(VerdictKind.ReportOnly, objection);
            }
        }
        if (finding.IsSample)
        {
            return new Verdict(VerdictKind.DryRunOnly, "sample finding: reported as a dry-run, nothing written");
        }
        if (AccountGuard.DryRunReason(finding, settings) is { } dryRunAccount)
        {
            return new Verdict(VerdictKind.DryRunOnly, dryRunAccount);
        }
        return Verdict.Proceed;
    }

    /// <summary>
    /// Why the playbook must not even be asked: the event is about another account (its reads by name would look in
    /// this one), or the call it records failed, so nothing exists to act on (a denied CreateTrainingJob made no job).
    /// </summary>
    public static string? NothingToPlan(Finding finding, RemediationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return AccountGuard.Objection(finding, settings)
            ?? (finding.ApiCall?.ErrorCode is { } error ? $"the {finding.ApiCall.EventName} call failed ({error}), so nothing changed" : null);
    }

    private async Task<string?> PrincipalObjectionAsync(Principal principal, string eventAccount, CancellationToken ct)
    {
        if (principal.Kind == PrincipalKind.Root)
        {
            return "the principal is the account root user, which is never changed automatically";
        }
        if (principal.Kind is PrincipalKind.AwsService)
        {
            return "the call was made by an AWS service";
        }
        if (!settings.AllowCrossAccount && principal.AccountId.Length > 0 && principal.AccountId != eventAccount)
        {
            return $"the principal belongs to account {principal.AccountId}, not {eventAccount}, and cross-account action is off";
        }
        return principal.Arn is null ? null : await TargetGuard.ObjectionAsync(principal.Arn, settings, tags, ct);
    }
}
