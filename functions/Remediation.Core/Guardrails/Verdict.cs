namespace Remediation.Core.Guardrails;

/// <summary>What the finding-level guardrails allow.</summary>
public enum VerdictKind
{
    /// <summary>Plan and write (subject to per-action checks).</summary>
    Proceed,
    /// <summary>Plan, but only report the plan as a dry-run (sample findings).</summary>
    DryRunOnly,
    /// <summary>Report only; no writes.</summary>
    ReportOnly,
}

/// <summary>A guardrail decision with its reason.</summary>
/// <param name="Kind">Proceed, dry-run only or report only.</param>
/// <param name="Reason">Why (empty when proceeding).</param>
public sealed record Verdict(VerdictKind Kind, string Reason)
{
    /// <summary>No objection.</summary>
    public static readonly Verdict Proceed = new(VerdictKind.Proceed, "");
}
