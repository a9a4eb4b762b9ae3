using Remediation.Core.Configuration;
using Remediation.Core.Findings;

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
        if (AccountGuard.Objection(finding, settings) is { } elsewhere)
        {
            return new Verdict(VerdictKind.ReportOnly, elsewhere);
        }
        if (finding.ApiCall?.ErrorCode is { } error)
        {
            return new Verdict(VerdictKind.ReportOnly, $"the {finding.ApiCall.EventName} call failed ({error}), so nothing changed");
        }
        if (finding.Severity.Score < settings.MinSeverity)
        {
            return new Verdict(VerdictKind.ReportOnly, $"severity {finding.Severity.Score:0.#} is below the remediation threshold {settings.MinSeverity:0.#}");
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
        return Verdict.Proceed;
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
