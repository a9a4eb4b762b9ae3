using Remediation.Core.Ledger;

namespace Remediation.Core.Pipeline;

/// <summary>
/// Performs a plan's writes in order through their handlers and records each result,
/// the state it replaced and its inverse. Writes an earlier attempt already did are carried over, never repeated
/// (a repeat would record the post-write state as "before" and break rollback).
/// </summary>
public sealed class PlanExecutor
{
    private readonly Dictionary<string, IActionHandler> handlers;

    /// <summary>Creates the executor over the function's handlers.</summary>
    public PlanExecutor(IEnumerable<IActionHandler> handlers) =>
        this.handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    /// <summary>Executes the gated actions; <paramref name="dryRun"/> records them as planned.</summary>
    /// <param name="actions">The gated actions, in plan order.</param>
    /// <param name="dryRun">Record as planned, write nothing.</param>
    /// <param name="previous">An earlier attempt's records, whose done writes are carried over.</param>
    /// <param name="onWritten">Called after each real write, so a crash mid-plan still leaves the before-states in the ledger.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ActionRecord>> ExecuteAsync(
        IReadOnlyList<GatedAction> actions, bool dryRun, IReadOnlyList<ActionRecord> previous,
        Func<IReadOnlyList<ActionRecord>, Task> onWritten, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(onWritten);
        ArgumentNullException.ThrowIfNull(actions);
        var done = ByIdentity(previous, p => p.Status == ActionStatus.Done);
        var started = ByIdentity(previous, ActionStatuses.CarriesIntent);
        var results = new List<ActionRecord>(actions.Count);
        foreach (var gated in actions)
        {
            var action = gated.Action;
            if (gated.SkipReason is { } why)
            {
                results.Add(ActionRecords.From(action, ActionStatus.Skipped, why, null, null));
            }
            else if (dryRun)
            {
                results.Add(ActionRecords.From(action, ActionStatus.Planned, "dry-run: not written", null, null));
            }
            else if (done.TryGetValue(action.Identity, out var earlier))
            {
                results.Add(earlier with { Detail = "done in an earlier attempt: " + earlier.Detail });
            }
            else
            {
                var carried = started.GetValueOrDefault(action.Identity);
                var intent = carried ?? await IntendAsync(action, ct);
                if (carried is null && intent is not null)
                {
                    // The intent reaches the ledger before the write does.
                    await onWritten([.. results, intent]);
                }
                var record = Resolve(await RunAsync(action, carried, ct), intent, carried is not null);
                results.Add(record);
                if (record.Status == ActionStatus.Done)
                {
                    await onWritten(results);
                }
            }
        }
        return results;
    }

    private static Dictionary<string, ActionRecord> ByIdentity(IReadOnlyList<ActionRecord> records, Func<ActionRecord, bool> which) =>
        records.Where(which)
            .GroupBy(p => ActionRecords.Identity(p.Kind, p.Target, p.Parameters), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private async Task<ActionRecord?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        if (handlers.GetValueOrDefault(action.Kind) is not IIntentHandler handler)
        {
            return null;
        }
        try
        {
            return await handler.IntendAsync(action, ct) is { } intent
                ? ActionRecords.From(action, ActionStatus.Started, "about to write", intent.BeforeState, intent.Inverse) with { Intended = intent.Intended }
                : null;
        }
        catch (Exception e) when (AwsErrors.AsServiceError(e) is not null || e is HttpRequestException)
        {
            return null; // the write itself will meet the same error and record it as failed
        }
    }

    // A carried intent holds the state before the first attempt's write; this attempt's own read may already see that
    // write ("nothing changed"), so the intent's before-state and inverse are the ones to keep.
    // A failed write keeps its intent: a timeout or a lost response may hide a write that landed, and the next retry
    // and rollback need the state from before it. An earlier attempt's intent also outlives this attempt's read, which
    // may already see that attempt's write ("nothing changed").
    private static ActionRecord Resolve(ActionRecord result, ActionRecord? intent, bool fromEarlierAttempt) => (intent, result.Status) switch
    {
        (null, _) => result,
        (_, ActionStatus.Failed) => result with
        {
            Before = intent.Before,
            Inverse = intent.Inverse,
            Intended = intent.Intended,
            Detail = result.Detail + " (the write may have landed; its undo is kept)",
        },
        (_, ActionStatus.Done) when fromEarlierAttempt => result with
        {
            Before = intent.Before,
            Inverse = intent.Inverse,
            Detail = result.Inverse is null
                ? result.Detail + " (written by an earlier attempt whose record was cut short; the state read before it is kept for rollback)"
                : result.Detail,
        },
        _ => result,
    };

    /// <summary>Runs one action through its handler, turning AWS errors into a failed record.</summary>
    public Task<ActionRecord> RunAsync(PlannedAction action, CancellationToken ct) => RunAsync(action, null, ct);

    private async Task<ActionRecord> RunAsync(PlannedAction action, ActionRecord? carried, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!handlers.TryGetValue(action.Kind, out var handler))
        {
            return ActionRecords.From(action, ActionStatus.Failed, $"no handler for {action.Kind}", null, null);
        }
        try
        {
            var result = carried is { Inverse: { } inverse } && handler is IIntentHandler resumable
                ? await resumable.ResumeAsync(action, new ActionIntent(carried.Before ?? "", ActionRecords.ToAction(inverse), carried.Intended), ct)
                : await handler.ExecuteAsync(action, ct);
            return ActionRecords.From(result);
        }
        catch (Exception e) when (AwsErrors.AsServiceError(e) is { } error)
        {
            return ActionRecords.From(action, ActionStatus.Failed, $"{error.ErrorCode}: {error.ServiceMessage}", null, null);
        }
        catch (HttpRequestException e)
        {
            return ActionRecords.From(action, ActionStatus.Failed, "network error: " + e.Message, null, null);
        }
    }
}

/// <summary>An action with the guardrail's objection, if any.</summary>
/// <param name="Action">The action.</param>
/// <param name="SkipReason">Why it must not be written, or null.</param>
public sealed record GatedAction(PlannedAction Action, string? SkipReason);
