using System.Collections.Concurrent;

namespace Remediation.Core.Pipeline;

/// <summary>
/// Marks one attempt of one incident. Within it, reads can be shared: the reads a handler keeps between its intent and
/// its write (<see cref="PreparedRead{T}"/>), and the IAM reads the playbook, the guardrails and the handlers would
/// otherwise each make (<see cref="Attempt.Reads"/>). Nothing read in one attempt is taken for granted in another,
/// even when the attempt that read it ended early (a duplicate, a busy claim).
/// </summary>
public static class AttemptScope
{
    private static readonly AsyncLocal<Attempt?> Marker = new();

    /// <summary>The current attempt; null outside the pipeline (a handler or a client called on its own).</summary>
    public static Attempt? Current => Marker.Value;

    /// <summary>Starts an attempt for the calling flow and the tasks it starts; disposing ends it.</summary>
    public static IDisposable Begin()
    {
        var previous = Marker.Value;
        Marker.Value = new Attempt();
        return new End(previous);
    }

    private sealed class End(Attempt? previous) : IDisposable
    {
        public void Dispose() => Marker.Value = previous;
    }
}

/// <summary>One attempt's shared reads.</summary>
public sealed class Attempt
{
    private readonly ConcurrentDictionary<(object Client, string Request), Task<byte[]>> reads = new();

    /// <summary>
    /// The answer to a read this attempt has already made through the same client with the same request, or the read
    /// made now. Errors are shared too: the same question within one attempt gets the same answer.
    /// </summary>
    public Task<byte[]> Reads(object client, string request, Func<Task<byte[]>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return reads.GetOrAdd((client, request), _ => read());
    }

    /// <summary>A write is about to be made: what was read before it may no longer hold.</summary>
    public void Forget() => reads.Clear();

    private readonly ConcurrentDictionary<string, object> snapshots = new(StringComparer.Ordinal);

    /// <summary>
    /// Keeps what a resource looked like when this attempt read it (a job's description), for the record of a later
    /// write to it: a state before the write, which writes do not make stale.
    /// </summary>
    public void KeepSnapshot(string resource, object snapshot) => snapshots[resource] = snapshot;

    /// <summary>The snapshot this attempt kept of the resource, or null.</summary>
    public T? Snapshot<T>(string resource) where T : class => snapshots.TryGetValue(resource, out var kept) ? kept as T : null;
}
