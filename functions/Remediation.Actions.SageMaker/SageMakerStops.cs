using Remediation.Core.Aws.SageMaker;

namespace Remediation.Actions.SageMaker;

/// <summary>
/// The shared shape of stopping a SageMaker job: describe it (the ledger's forensic snapshot), stop it only when it
/// runs. A job already stopping or stopped is contained (success); one that already ran to its end (Completed, Failed)
/// was not stopped by anyone, so it is reported as skipped, never as "stopped". A stop cannot be undone: no inverse.
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
        var before = await describe(ct);
        var snapshot = before.Description.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : before.Description.GetRawText();
        if (Ended.Contains(before.Status))
        {
            return new ActionResult(action, ActionStatus.Skipped, $"{noun} {before.Name} had already {before.Status}; nothing to stop", snapshot, null);
        }
        if (NotRunning.Contains(before.Status))
        {
            return ActionResult.Done(action, $"{noun} {before.Name} was already {before.Status}; nothing to stop", snapshot, null);
        }
        try
        {
            await stop(ct);
        }
        // Stopping a job that is no longer InProgress answers ValidationException (docs/aws-reference.md §B4): it finished or was
        // stopped between our Describe and the stop. That is the state we wanted.
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.ValidationException)
        {
            var now = await describe(ct);
            if (!NotRunning.Contains(now.Status))
            {
                throw;
            }
            var detail = $"{noun} {before.Name} was already {now.Status} when the stop arrived ({e.ServiceMessage}); nothing to stop";
            return Ended.Contains(now.Status)
                ? new ActionResult(action, ActionStatus.Skipped, detail, snapshot, null)
                : ActionResult.Done(action, detail, snapshot, null);
        }
        return ActionResult.Done(action, $"{noun} {before.Name} was {before.Status}; stop requested (Stopping, then Stopped); {Irreversible}", snapshot, null);
    }
}
