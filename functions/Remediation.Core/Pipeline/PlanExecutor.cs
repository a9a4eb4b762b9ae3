using Remediation.Core.Aws;
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
        var done = previous.Where(p => p.Status == ActionStatuses.Done)
            .GroupBy(p => ActionRecords.Identity(p.Kind, p.Target, p.Parameters), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var results = new List<ActionRecord>(actions.Count);
        foreach (var gated in actions)
        {
            var action = gated.Action;
            if (gated.SkipReason is { } why)
            {
                results.Add(ActionRecords.From(action, ActionStatuses.Skipped, why, null, null));
            }
            else if (dryRun)
            {
                results.Add(ActionRecords.From(action, ActionStatuses.Planned, "dry-run: not written", null, null));
            }
            else if (done.TryGetValue(action.Identity, out var earlier))
            {
                results.Add(earlier with { Detail = "done in an earlier attempt: " + earlier.Detail });
            }
            else
            {
                var record = await RunAsync(action, ct);
                results.Add(record);
                if (record.Status == ActionStatuses.Done)
                {
                    await onWritten(results);
                }
            }
        }
        return results;
    }

    /// <summary>Runs one action through its handler, turning AWS errors into a failed record.</summary>
    public async Task<ActionRecord> RunAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!handlers.TryGetValue(action.Kind, out var handler))
        {
            return ActionRecords.From(action, ActionStatuses.Failed, $"no handler for {action.Kind}", null, null);
        }
        try
        {
            var result = await handler.ExecuteAsync(action, ct);
            return ActionRecords.From(result);
        }
        catch (AwsServiceException e)
        {
            return ActionRecords.From(action, ActionStatuses.Failed, $"{e.ErrorCode}: {e.ServiceMessage}", null, null);
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            return ActionRecords.From(action, ActionStatuses.Failed, $"{e.ErrorCode}: {e.Message}", null, null);
        }
        catch (HttpRequestException e)
        {
            return ActionRecords.From(action, ActionStatuses.Failed, "network error: " + e.Message, null, null);
        }
    }
}

/// <summary>An action with the guardrail's objection, if any.</summary>
/// <param name="Action">The action.</param>
/// <param name="SkipReason">Why it must not be written, or null.</param>
public sealed record GatedAction(PlannedAction Action, string? SkipReason);
