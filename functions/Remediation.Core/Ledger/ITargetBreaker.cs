namespace Remediation.Core.Ledger;

/// <summary>Admits or refuses a plan's targets against the per-function storm limit and each source's share of it.</summary>
public interface ITargetBreaker
{
    /// <summary>Records the targets when admitted, or the incident as held when refused.</summary>
    /// <exception cref="BreakerContentionException">The breaker item stayed contended: the invocation fails for a retry.</exception>
    Task<BreakerDecision> AdmitAsync(BreakerRequest request, CancellationToken ct);

    /// <summary>
    /// Reads the function's budget in <paramref name="account"/> (of <paramref name="functionName"/>) before the plan is known, so that admitting the plan
    /// later costs one write on the critical path instead of a read and a write; null when there is nothing to read
    /// ahead or the read failed (the admission then reads for itself).
    /// </summary>
    Task<BreakerReading?> ReadAheadAsync(string functionName, string account, CancellationToken ct) => Task.FromResult<BreakerReading?>(null);

    /// <summary>
    /// <see cref="AdmitAsync(BreakerRequest, CancellationToken)"/> starting from a budget read ahead; the write is
    /// conditioned on that reading's version, so a reading others have since changed costs a fresh read, never a wrong decision.
    /// </summary>
    Task<BreakerDecision> AdmitAsync(BreakerRequest request, BreakerReading? readAhead, CancellationToken ct) => AdmitAsync(request, ct);
}

/// <summary>A budget as read ahead of its admission (<see cref="ITargetBreaker.ReadAheadAsync"/>).</summary>
/// <param name="Key">The breaker item it was read from.</param>
/// <param name="Version">The item's version then (0: no item yet).</param>
/// <param name="State">The budget then.</param>
public sealed record BreakerReading(string Key, long Version, BreakerState State);

/// <summary>One incident's claim on the breaker's budget.</summary>
/// <param name="Function">The function (each has its own budget).</param>
/// <param name="Source">Who or what caused the incident (the actor principal, the bucket): one source may spend only its share.</param>
/// <param name="IncidentId">The incident, listed as held when refused.</param>
/// <param name="Targets">The distinct targets the plan would write to.</param>
public sealed record BreakerRequest(string Function, string Source, string IncidentId, IReadOnlyCollection<string> Targets)
{
    /// <summary>The account the targets live in: each member account has a budget of its own, so a storm in one holds no other's incidents.</summary>
    public string Account { get; init; } = "";
}

/// <summary>The breaker's answer.</summary>
/// <param name="Admitted">True when the writes may go ahead.</param>
/// <param name="Reason">Why not, when refused.</param>
public sealed record BreakerDecision(bool Admitted, string Reason)
{
    /// <summary>True for the first refusal in a window: that incident's notification announces the open breaker.</summary>
    public bool AnnounceOpen { get; init; }

    /// <summary>The incidents held in the current window, this one included, when refused.</summary>
    public IReadOnlyList<string> Held { get; init; } = [];
}

/// <summary>The breaker item was written by others on every try; nothing was decided and the invocation should be retried.</summary>
public sealed class BreakerContentionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BreakerContentionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BreakerContentionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public BreakerContentionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
