namespace Remediation.Core.Pipeline;

/// <summary>
/// A read a handler made ahead of its write (for its intent, or read ahead for the action the playbook anticipated),
/// handed to the write that follows, so it costs no second AWS call. Held for one action at a time (a container runs
/// one invocation at a time), consumed by the write and honoured only within the attempt that started it
/// (<see cref="AttemptScope"/>); a write without one, or whose read failed, reads afresh.
/// </summary>
/// <remarks>
/// The action is matched by kind and parameters, not by target: the read may have been made for the action the
/// playbook anticipated from the event alone (<see cref="IPlaybook.Anticipate"/>), whose target ARN lacks the IAM path
/// the plan later resolves. The read is kept from its start, so a write that comes while it is still in flight waits
/// for it instead of asking again.
/// </remarks>
public sealed class PreparedRead<T> where T : class
{
    private readonly Lock gate = new();
    private string? key;
    private Attempt? attempt;
    private Task<T?>? pending;

    /// <summary>Starts the read and keeps it for the action's write.</summary>
    public Task<T?> ReadAsync(PlannedAction action, Func<Task<T?>> read)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(read);
        // Read ahead for the anticipated action and prepared again for the planned one, possibly at the same moment: the
        // same write, one read. The read is started under the lock so the second caller finds it.
        lock (gate)
        {
            if (pending is not null && key == action.Write && ReferenceEquals(attempt, AttemptScope.Current))
            {
                return pending;
            }
            var started = read();
            (key, attempt, pending) = (action.Write, AttemptScope.Current, started);
            return started;
        }
    }

    /// <summary>The value kept for this action in this attempt, or a fresh read when none is.</summary>
    public async Task<T?> TakeOrReadAsync(PlannedAction action, Func<Task<T?>> read)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(read);
        Task<T?>? kept;
        lock (gate)
        {
            kept = key == action.Write && ReferenceEquals(attempt, AttemptScope.Current) ? pending : null;
            (key, attempt, pending) = (null, null, null);
        }
        if (kept is not null)
        {
            try
            {
                if (await kept is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The read ahead failed: the write's own read meets the error, if it is still there, and reports it.
            }
        }
        return await read();
    }
}
