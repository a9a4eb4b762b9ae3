namespace Remediation.Core.Ledger;

/// <summary>Admits or refuses a plan's targets against the per-function storm limit.</summary>
public interface ITargetBreaker
{
    /// <summary>Records the targets when admitted.</summary>
    Task<BreakerDecision> AdmitAsync(string functionName, IReadOnlyCollection<string> targets, CancellationToken ct);
}

/// <summary>The breaker's answer.</summary>
/// <param name="Admitted">True when the writes may go ahead.</param>
/// <param name="Reason">Why not, when refused.</param>
public sealed record BreakerDecision(bool Admitted, string Reason);
