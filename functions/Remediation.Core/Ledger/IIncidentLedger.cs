namespace Remediation.Core.Ledger;

/// <summary>The incident ledger: claims for idempotency, the record of every write, the source of rollbacks.</summary>
public interface IIncidentLedger
{
    /// <summary>The incident's record when this instance already knows it finished (a redelivery needs no AWS call); else null.</summary>
    IncidentRecord? Finished(string incidentId) => null;

    /// <summary>Claims the incident for this invocation (see <see cref="ClaimOutcome"/>).</summary>
    Task<Claim> ClaimAsync(string functionName, Finding finding, CancellationToken ct);

    /// <summary>Saves the record; fails with <see cref="ClaimLostException"/> when another invocation took the claim over.</summary>
    Task SaveAsync(IncidentRecord record, CancellationToken ct);

    /// <summary>Reads one incident.</summary>
    Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken ct);

    /// <summary>Lists incidents, newest first.</summary>
    Task<IReadOnlyList<IncidentRecord>> ListAsync(CancellationToken ct);
}

/// <summary>The result of a claim.</summary>
public enum ClaimOutcome
{
    /// <summary>New incident, or a failed/stale one taken over: run the pipeline.</summary>
    Acquired,
    /// <summary>Writes are recorded but the notification was not sent: notify only, never repeat writes.</summary>
    ResumeNotify,
    /// <summary>Already finished: a re-published or redelivered event. Skip.</summary>
    Duplicate,
    /// <summary>Another invocation holds a fresh claim. Fail so Lambda retries later.</summary>
    Busy,
}

/// <summary>A claim and the record it holds.</summary>
/// <param name="Outcome">What to do.</param>
/// <param name="Record">The record now owned (Acquired/ResumeNotify) or found (Duplicate/Busy).</param>
/// <param name="Previous">The earlier attempt's actions, on a takeover (carried over, never redone).</param>
public sealed record Claim(ClaimOutcome Outcome, IncidentRecord Record, IReadOnlyList<ActionRecord> Previous);

/// <summary>Another invocation took the claim over; this one must stop writing.</summary>
public sealed class ClaimLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClaimLostException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ClaimLostException() { }

    /// <summary>Creates the exception.</summary>
    public ClaimLostException(string message, Exception innerException) : base(message, innerException) { }
}
