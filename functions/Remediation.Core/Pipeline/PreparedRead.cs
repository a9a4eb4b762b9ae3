namespace Remediation.Core.Pipeline;

/// <summary>
/// The read an <see cref="IIntentHandler"/> made for its intent, handed to the write that follows it, so recording the
/// intent costs no second AWS call. Held for one action at a time (a container runs one invocation at a time) and
/// consumed by the write; a write without a prepared read reads afresh.
/// </summary>
public sealed class PreparedRead<T> where T : class
{
    private string? identity;
    private T? value;

    /// <summary>Reads and keeps the value for the action's write.</summary>
    public async Task<T?> ReadAsync(PlannedAction action, Func<Task<T?>> read)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(read);
        var read1 = await read();
        (identity, value) = (action.Identity, read1);
        return read1;
    }

    /// <summary>The value kept for this action, or a fresh read when none is.</summary>
    public async Task<T?> TakeOrReadAsync(PlannedAction action, Func<Task<T?>> read)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(read);
        if (identity == action.Identity && value is not null)
        {
            var kept = value;
            (identity, value) = (null, null);
            return kept;
        }
        (identity, value) = (null, null);
        return await read();
    }
}
