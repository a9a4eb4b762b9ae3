using System.Globalization;

namespace Remediation.Core.Ledger;

/// <summary>What the breaker item holds: the targets written in the window (with their source), the incidents held, and
/// when the open breaker was last announced.</summary>
/// <param name="Targets">Target → when it was admitted and from which source.</param>
/// <param name="Held">Incident id → when it was held.</param>
/// <param name="AnnouncedAt">Unix seconds of the last announcement of an open breaker (0: never).</param>
public sealed record BreakerState(Dictionary<string, BreakerEntry> Targets, Dictionary<string, long> Held, long AnnouncedAt)
{
    /// <summary>No targets, nothing held.</summary>
    public static BreakerState Empty => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), 0);
}

/// <summary>One admitted target.</summary>
/// <param name="At">Unix seconds when admitted.</param>
/// <param name="Source">The source whose incident wrote to it.</param>
/// <param name="Incident">The incident admitted for it (null in items written before it was kept).</param>
public sealed record BreakerEntry(long At, string Source, string? Incident = null);

/// <summary>
/// The breaker's rule, without storage: at most <c>max</c> distinct targets per function within the window, and at most
/// <c>perSource</c> of them from one source, so a flood from one actor or one bucket holds only that source's
/// incidents and leaves the rest of the budget for everyone else. A source's first incident in the window is bounded by
/// the total only (one large incident is not a flood). A target already admitted in the window costs nothing, and a
/// retry of an admitted incident is not a second incident of its source.
/// </summary>
public static class BreakerBudget
{
    /// <summary>The decision and the state to store.</summary>
    public static (BreakerDecision Decision, BreakerState Next) Decide(BreakerState state, BreakerRequest request, DateTimeOffset now,
        int windowMinutes, int max, int perSource)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        var nowSeconds = now.ToUnixTimeSeconds();
        var windowStart = now.AddMinutes(-windowMinutes).ToUnixTimeSeconds();
        var live = state.Targets.Where(e => e.Value.At >= windowStart).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var held = state.Held.Where(e => e.Value >= windowStart).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var fresh = request.Targets.Where(t => !live.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        var total = live.Count + fresh.Count;
        var earlierFromSource = live.Values.Count(e => e.Source == request.Source && e.Incident != request.IncidentId);
        var fromSource = live.Values.Count(e => e.Source == request.Source) + fresh.Count;
        // A source's first incident is bounded by the total only: one large incident is not a flood.
        var refusal = fresh.Count == 0 ? null
            : total > max
            ? $"breaker open: {request.Function} would touch {total} distinct targets within {windowMinutes} min (limit {max}); held, not written"
            : earlierFromSource > 0 && fromSource > perSource
                ? $"breaker open for {request.Source}: its incidents would touch {fromSource} of {request.Function}'s targets within {windowMinutes} min (limit {perSource} per source); held, not written"
                : null;
        if (refusal is null)
        {
            foreach (var target in fresh)
            {
                live[target] = new BreakerEntry(nowSeconds, request.Source, request.IncidentId);
            }
            held.Remove(request.IncidentId);
            return (new BreakerDecision(true, ""), new BreakerState(live, held, state.AnnouncedAt));
        }
        held[request.IncidentId] = nowSeconds;
        var announce = state.AnnouncedAt < windowStart;
        var decision = new BreakerDecision(false, refusal)
        {
            AnnounceOpen = announce,
            Held = [.. held.OrderBy(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key)],
        };
        return (decision, new BreakerState(live, held, announce ? nowSeconds : state.AnnouncedAt));
    }

    /// <summary>The per-source share when none is configured: half the budget, at least one.</summary>
    public static int DefaultPerSource(int max) => Math.Max(1, max / 2);

    /// <summary>For log lines.</summary>
    public static string Describe(BreakerState state) =>
        string.Create(CultureInfo.InvariantCulture, $"{state?.Targets.Count ?? 0} targets, {state?.Held.Count ?? 0} held");
}
