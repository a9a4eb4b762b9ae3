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
    public Task<IReadOnlyList<ActionRecord>> ExecuteAsync(
        IReadOnlyList<GatedAction> actions, bool dryRun, IReadOnlyList<ActionRecord> previous,
        Func<IReadOnlyList<ActionRecord>, Task> onWritten, CancellationToken ct) =>
        ExecuteAsync(actions, dryRun, previous, onWritten, PreparedWrites.None, ct);

    /// <summary>
    /// Executes the gated actions, with what the pipeline prepared for the first write: the breaker's admission runs
    /// alongside the first intent's record (a refusal skips every write not yet made), and an intent read ahead
    /// replaces the first write's own read.
    /// </summary>
    /// <param name="actions">The gated actions, in plan order.</param>
    /// <param name="dryRun">Record as planned, write nothing.</param>
    /// <param name="previous">An earlier attempt's records, whose done writes are carried over.</param>
    /// <param name="onWritten">Called after each real write, so a crash mid-plan still leaves the before-states in the ledger.</param>
    /// <param name="first">The admission, the intent read ahead, and whether the caller records the results at once.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ActionRecord>> ExecuteAsync(
        IReadOnlyList<GatedAction> actions, bool dryRun, IReadOnlyList<ActionRecord> previous,
        Func<IReadOnlyList<ActionRecord>, Task> onWritten, PreparedWrites first, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(onWritten);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(first);
        var done = ByIdentity(previous, p => p.Status == ActionStatus.Done);
        var started = ByIdentity(previous, ActionStatuses.CarriesIntent);
        if (first.Independent && !dryRun && previous.Count == 0 && actions.Count(a => a.SkipReason is null) > 1)
        {
            return await RunIndependentAsync(actions, onWritten, first, ct);
        }
        var results = new List<ActionRecord>(actions.Count);
        Task<string?>? admission = null;
        string? held = null;
        for (var i = 0; i < actions.Count; i++)
        {
            var gated = actions[i];
            var action = gated.Action;
            if ((gated.SkipReason ?? held) is { } why)
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
                // The breaker is asked once, before the first write, while that write's intent is read and recorded.
                admission ??= first.Admit?.Invoke(ct) ?? Task.FromResult<string?>(null);
                if (Alongside(actions, i, done, started) is { Count: > 1 } together)
                {
                    if (await admission is { } refusedAll)
                    {
                        held = refusedAll;
                        results.Add(ActionRecords.From(action, ActionStatus.Skipped, refusedAll, null, null));
                        continue;
                    }
                    results.AddRange(await RunTogetherAsync(together, ct));
                    i += together.Count - 1;
                    if (!(first.RecordFollows && !WritesAfter(actions, i, done, held)))
                    {
                        await onWritten(results);
                    }
                    continue;
                }
                var carried = started.GetValueOrDefault(action.Identity);
                var intent = carried ?? await IntendAsync(action, first.Anticipated, ct);
                if (carried is null && intent is not null)
                {
                    // The intent reaches the ledger before the write does.
                    await Task.WhenAll(onWritten([.. results, intent]), admission);
                }
                if (await admission is { } refused)
                {
                    held = refused;
                    results.Add(ActionRecords.From(action, ActionStatus.Skipped, refused, null, null));
                    continue;
                }
                var record = Resolve(await RunAsync(action, carried, ct), intent, carried is not null);
                results.Add(record);
                // A write whose intent is recorded is saved with the next write's intent when one follows, or, when it is
                // the last, with the caller's record: until then its intent keeps it undoable, and a retry recognises it
                // (IIntentHandler.ResumeAsync).
                var retrySafe = intent is not null || carried is not null || handlers.GetValueOrDefault(action.Kind) is { RunsAlongside: true };
                var savedLater = (intent is not null && NextRecordsIntent(actions, i + 1, done, started))
                    || (first.RecordFollows && retrySafe && !WritesAfter(actions, i, done, held));
                if (record.Status == ActionStatus.Done && !savedLater)
                {
                    await onWritten(results);
                }
            }
        }
        return results;
    }

    // Whether a write follows the action at `current`; none does once the breaker holds the plan. After the last write the
    // caller's own record is the next save: the write's recorded intent (or a retry's harmless repeat, for writes that run
    // alongside) covers the moment between.
    private static bool WritesAfter(IReadOnlyList<GatedAction> actions, int current, Dictionary<string, ActionRecord> done, string? held) =>
        held is null && actions.Skip(current + 1).Any(a => a.SkipReason is null && !done.ContainsKey(a.Action.Identity));

    // Plan.WritesIndependent on an attempt's first writes: every intent in one save beside the breaker's admission,
    // then the writes together, recorded as the sequential path records them.
    private async Task<IReadOnlyList<ActionRecord>> RunIndependentAsync(IReadOnlyList<GatedAction> actions,
        Func<IReadOnlyList<ActionRecord>, Task> onWritten, PreparedWrites first, CancellationToken ct)
    {
        var admission = first.Admit?.Invoke(ct) ?? Task.FromResult<string?>(null);
        var writable = actions.Where(a => a.SkipReason is null).Select(a => a.Action).ToList();
        var intents = await Task.WhenAll(writable.Select(a => IntendAsync(a, first.Anticipated, ct)));
        await Task.WhenAll(intents.Any(i => i is not null) ? onWritten(InPlanOrder(actions, intents)) : Task.CompletedTask, admission);
        if (await admission is { } refused)
        {
            return [.. actions.Select(a => ActionRecords.From(a.Action, ActionStatus.Skipped, a.SkipReason ?? refused, null, null))];
        }
        var records = new ActionRecord[writable.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, writable.Count), new ParallelOptions { MaxDegreeOfParallelism = AlongsideInFlight, CancellationToken = ct },
            async (k, token) => records[k] = Resolve(await RunAsync(writable[k], null, token), intents[k], false));
        var results = InPlanOrder(actions, records);
        var retrySafe = writable.Select((a, k) => intents[k] is not null || handlers.GetValueOrDefault(a.Kind) is { RunsAlongside: true }).All(safe => safe);
        if (records.Any(r => r.Status == ActionStatus.Done) && !(first.RecordFollows && retrySafe))
        {
            await onWritten(results);
        }
        return results;
    }

    // The plan's records in its order: the guardrails' skips, and one record (or none yet) per writable action.
    private static List<ActionRecord> InPlanOrder(IReadOnlyList<GatedAction> actions, ActionRecord?[] perWritable)
    {
        var results = new List<ActionRecord>(actions.Count);
        var k = 0;
        foreach (var a in actions)
        {
            if (a.SkipReason is { } why)
            {
                results.Add(ActionRecords.From(a.Action, ActionStatus.Skipped, why, null, null));
            }
            else if (perWritable[k++] is { } record)
            {
                results.Add(record);
            }
        }
        return results;
    }

    private bool NextRecordsIntent(IReadOnlyList<GatedAction> actions, int next, Dictionary<string, ActionRecord> done, Dictionary<string, ActionRecord> started) =>
        next < actions.Count && actions[next] is { SkipReason: null } a && handlers.GetValueOrDefault(a.Action.Kind) is IIntentHandler
        && !done.ContainsKey(a.Action.Identity) && !started.ContainsKey(a.Action.Identity);

    /// <summary>Writes of one <see cref="IActionHandler.RunsAlongside"/> kind in flight at once.</summary>
    public const int AlongsideInFlight = 8;

    /// <summary>At most this many such writes between two saves of the record (a crash loses no more of their records).</summary>
    public const int AlongsidePerSave = 50;

    // The run of writes starting at `first` that may go together: same kind, a handler that allows it, to be written
    // now (not skipped, not done or started by an earlier attempt).
    private List<PlannedAction> Alongside(IReadOnlyList<GatedAction> actions, int first, Dictionary<string, ActionRecord> done, Dictionary<string, ActionRecord> started)
    {
        var kind = actions[first].Action.Kind;
        var run = new List<PlannedAction>();
        if (handlers.GetValueOrDefault(kind) is not { RunsAlongside: true })
        {
            return run;
        }
        for (var i = first; i < actions.Count && run.Count < AlongsidePerSave; i++)
        {
            var a = actions[i];
            if (a.Action.Kind != kind || a.SkipReason is not null || done.ContainsKey(a.Action.Identity) || started.ContainsKey(a.Action.Identity))
            {
                break;
            }
            run.Add(a.Action);
        }
        return run;
    }

    private async Task<IReadOnlyList<ActionRecord>> RunTogetherAsync(List<PlannedAction> together, CancellationToken ct)
    {
        var records = new ActionRecord[together.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, together.Count), new ParallelOptions { MaxDegreeOfParallelism = AlongsideInFlight, CancellationToken = ct },
            async (i, token) => records[i] = await RunAsync(together[i], null, token));
        return records;
    }

    private static Dictionary<string, ActionRecord> ByIdentity(IReadOnlyList<ActionRecord> records, Func<ActionRecord, bool> which) =>
        records.Where(which)
            .GroupBy(p => ActionRecords.Identity(p.Kind, p.Target, p.Parameters), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private async Task<ActionRecord?> IntendAsync(PlannedAction action, AnticipatedIntent? anticipated, CancellationToken ct)
    {
        if (handlers.GetValueOrDefault(action.Kind) is not IIntentHandler handler)
        {
            return null;
        }
        try
        {
            var read = anticipated is not null && anticipated.Matches(action)
                ? anticipated.For(action, await anticipated.Intent)
                : await handler.IntendAsync(action, ct);
            return read is { } intent
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

/// <summary>What the pipeline prepared for a plan's writes (<see cref="PlanExecutor"/>).</summary>
/// <param name="Admit">Asks the breaker; a reason when it holds the writes, null when they may go ahead. Null: no breaker for this plan.</param>
/// <param name="Anticipated">The intent read ahead for the write the playbook anticipated, or null.</param>
public sealed record PreparedWrites(Func<CancellationToken, Task<string?>>? Admit, AnticipatedIntent? Anticipated)
{
    /// <summary>Nothing prepared.</summary>
    public static readonly PreparedWrites None = new(null, null);

    /// <summary>
    /// The caller saves the results as soon as the executor returns: a last write whose intent is recorded, or that
    /// runs alongside others, is not saved on its own first (one step less after the containment).
    /// </summary>
    public bool RecordFollows { get; init; }

    /// <summary>The plan's writes are independent of one another (<see cref="Plan.WritesIndependent"/>).</summary>
    public bool Independent { get; init; }
}

/// <summary>
/// An intent read for the write a playbook anticipated from the event alone (<see cref="IPlaybook.Anticipate"/>). It
/// stands for the planned write with the same kind and parameters, whose target may differ only by the IAM path the
/// plan resolved.
/// </summary>
/// <param name="Action">The anticipated write.</param>
/// <param name="Intent">Its intent, being read.</param>
public sealed record AnticipatedIntent(PlannedAction Action, Task<ActionIntent?> Intent)
{
    /// <summary>True when the planned write is the anticipated one.</summary>
    public bool Matches(PlannedAction planned) => planned is not null && planned.Write == Action.Write;

    /// <summary>The intent, its inverse aimed at the planned write's target.</summary>
    public ActionIntent? For(PlannedAction planned, ActionIntent? intent) =>
        intent is { Inverse: { } inverse } && planned is not null && inverse.Target == Action.Target
            ? intent with { Inverse = inverse with { Target = planned.Target } }
            : intent;
}

/// <summary>An action with the guardrail's objection, if any.</summary>
/// <param name="Action">The action.</param>
/// <param name="SkipReason">Why it must not be written, or null.</param>
public sealed record GatedAction(PlannedAction Action, string? SkipReason);
