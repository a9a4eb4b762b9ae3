using Remediation.Core.Aws.SageMaker;

namespace Remediation.Actions.SageMaker;

/// <summary>
/// The shared shape of stopping a SageMaker job: the stop first (containment before bookkeeping), then the job's
/// description as the ledger's forensic snapshot (the one the plan read in this attempt, when it read one; else read
/// after the stop). SageMaker accepts a stop only for an InProgress job and refuses any
/// other with ValidationException (docs/aws-reference.md §B4), so a refusal is answered by the description: a job
/// already stopping or stopped is contained (success); one that already ran to its end (Completed, Failed) was not
/// stopped by anyone, so it is reported as skipped, never as "stopped". A stop cannot be undone: no inverse.
/// </summary>
internal static class SageMakerStops
{
    /// <summary>Statuses in which a job no longer runs (or is already on its way to Stopped).</summary>
    private static readonly HashSet<string> NotRunning = new(StringComparer.Ordinal) { "Stopping", "Stopped", "Completed", "Failed", "Deleting" };

    /// <summary>Statuses of a job that ended by itself.</summary>
    private static readonly HashSet<string> Ended = new(StringComparer.Ordinal) { "Completed", "Failed", "Deleting" };

    public const string Irreversible = "irreversible: a stopped job cannot be resumed (start a new job to rerun it)";

    public static async Task<ActionResult> StopJobAsync(
        PlannedAction action,
        string noun,
        Func<CancellationToken, Task<SageMakerJob>> describe,
        Func<CancellationToken, Task> stop,
        CancellationToken ct)
    {
        try
        {
            await stop(ct);
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.ValidationException)
        {
            // Not InProgress, or not there at all: then the description's own error is the one to record.
            var now = await describe(ct);
            if (!NotRunning.Contains(now.Status))
            {
                throw;
            }
            return Ended.Contains(now.Status)
                ? new ActionResult(action, ActionStatus.Skipped, $"{noun} {now.Name} had already {now.Status}; nothing to stop", Snapshot(now), null)
                : ActionResult.Done(action, $"{noun} {now.Name} was already {now.Status}; nothing to stop", Snapshot(now), null);
        }
        var name = action.Target[(action.Target.LastIndexOf('/') + 1)..];
        if (AttemptScope.Current?.Snapshot<SageMakerJob>(action.Target) is { } planned)
        {
            // The plan described the job moments ago, InProgress: that description is the record, no second read.
            return ActionResult.Done(action, $"{noun} {planned.Name} was {planned.Status}; stop requested (Stopping, then Stopped); {Irreversible}", Snapshot(planned), null);
        }
        try
        {
            var after = await describe(ct);
            return ActionResult.Done(action, $"{noun} {after.Name} was InProgress; stop requested (now {after.Status}, then Stopped); {Irreversible}", Snapshot(after), null);
        }
        catch (Exception e) when (AwsErrors.AsServiceError(e) is not null || e is HttpRequestException)
        {
            // The stop happened: its record must not turn into a failure because the snapshot could not be read.
            var why = AwsErrors.AsServiceError(e) is { } error ? $"{error.ErrorCode}: {error.ServiceMessage}" : e.Message;
            return ActionResult.Done(action, $"{noun} {name} was InProgress; stop requested; {Irreversible} (its description could not be read afterwards: {why})", null, null);
        }
    }

    private static string? Snapshot(SageMakerJob job) =>
        job.Description.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : job.Description.GetRawText();
}
