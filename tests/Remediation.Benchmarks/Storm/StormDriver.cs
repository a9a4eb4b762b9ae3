using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Remediation.Core.Pipeline;

namespace Remediation.Benchmarks.Storm;

/// <summary>
/// Delivers a storm's events through a fixed number of workers, each one handling one event at a time (as one Lambda
/// execution environment does). A delivery its worker asks to retry (another invocation holds the incident) goes to
/// the back of the queue: Lambda retries a failed async invocation after about a minute, shortened here to the queue.
/// </summary>
public static class StormDriver
{
    /// <summary>How the storm went: wall time, deliveries made (retries included), and how many were retries.</summary>
    public sealed record Outcome(TimeSpan Elapsed, int Deliveries, int Retries);

    /// <summary>A worker over one function instance: retry when another invocation holds the incident (as Lambda would).</summary>
    public static Func<string, Task<bool>> Over(Func<Stream, Task<Stream>> handle) => async evt =>
    {
        try
        {
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(evt));
            await using var output = await handle(input);
            return true;
        }
        catch (IncidentBusyException)
        {
            return false;
        }
    };

    /// <param name="events">The storm.</param>
    /// <param name="concurrency">Workers (execution environments).</param>
    /// <param name="workerFor">A worker's handler, made once per worker: true when the event was handled, false to retry it.</param>
    public static async Task<Outcome> RunAsync(IReadOnlyList<string> events, int concurrency, Func<int, Func<string, Task<bool>>> workerFor)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(workerFor);
        var queue = new ConcurrentQueue<string>(events);
        var (deliveries, retries, pending) = (0, 0, events.Count);
        var handlers = Enumerable.Range(0, concurrency).Select(workerFor).ToList();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(handlers.Select(async handle =>
        {
            while (Volatile.Read(ref pending) > 0)
            {
                if (!queue.TryDequeue(out var evt))
                {
                    await Task.Delay(1);
                    continue;
                }
                Interlocked.Increment(ref deliveries);
                if (await handle(evt))
                {
                    Interlocked.Decrement(ref pending);
                }
                else
                {
                    Interlocked.Increment(ref retries);
                    queue.Enqueue(evt);
                    await Task.Delay(2);
                }
            }
        }));
        watch.Stop();
        return new Outcome(watch.Elapsed, deliveries, retries);
    }
}
