namespace Remediation.Core.Findings;

/// <summary>Severity labels, GuardDuty's bands.</summary>
public enum SeverityLabel
{
    /// <summary>Below 1.0.</summary>
    Informational,
    /// <summary>1.0–3.9.</summary>
    Low,
    /// <summary>4.0–6.9.</summary>
    Medium,
    /// <summary>7.0–8.9.</summary>
    High,
    /// <summary>9.0–10.0 (attack sequences).</summary>
    Critical,
}

/// <summary>A severity score (GuardDuty's 0–10 scale) and its label.</summary>
/// <param name="Score">The score.</param>
public sealed record Severity(double Score)
{
    /// <summary>The label for the score (docs/aws-reference.md §A1 bands).</summary>
    public SeverityLabel Label => Score switch
    {
        >= 9.0 => SeverityLabel.Critical,
        >= 7.0 => SeverityLabel.High,
        >= 4.0 => SeverityLabel.Medium,
        >= 1.0 => SeverityLabel.Low,
        _ => SeverityLabel.Informational,
    };

    /// <summary>Upper-case label for subjects and message attributes ("HIGH").</summary>
    public string LabelText => Label.ToString().ToUpperInvariant();
}
