namespace Remediation.Core.Incidents;

/// <summary>The subject's verb phrase, for done and for would-do.</summary>
/// <param name="Done">"Revoked sessions of role ml-training-role".</param>
/// <param name="Planned">"Would revoke sessions of role ml-training-role".</param>
public sealed record Headline(string Done, string Planned)
{
    /// <summary>A headline that reads the same in every outcome ("Reported ...").</summary>
    public static Headline Same(string text) => new(text, text);
}
