namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// How many AWS round trips a client waited for, one after another, from the emulation's call log: calls that
/// overlapped in time were made concurrently and count as one step; a call that started only after another had been
/// answered is a step after it.
/// </summary>
public static class CriticalPath
{
    /// <summary>The longest chain of calls in which each started after the one before it had ended.</summary>
    public static int Steps(IReadOnlyList<RecordedCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var ordered = calls.OrderBy(c => c.Time).ToList();
        var depth = new int[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            depth[i] = 1 + Enumerable.Range(0, i).Where(j => ordered[j].Ended <= ordered[i].Time).Select(j => depth[j]).DefaultIfEmpty(0).Max();
        }
        return depth.DefaultIfEmpty(0).Max();
    }
}
