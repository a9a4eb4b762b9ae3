using Remediation.Core.Aws;
using Remediation.Core.Aws.SageMaker;
using Remediation.Core.Pipeline;

namespace Remediation.Core.Actions.SageMaker;

/// <summary>
/// The shared shape of stopping a SageMaker job: describe it (the ledger's forensic snapshot), stop it only when it
/// runs, and count "already stopped or finished" as success. A stop cannot be undone, so no inverse is returned.
/// </summary>
internal static class SageMakerStops
{
    /// <summary>Statuses in which a job no longer runs (or is already on its way to Stopped).</summary>
    private static readonly HashSet<string> NotRunning = new(StringComparer.Ordinal) { "Stopping", "Stopped", "Completed", "Failed", "Deleting" };

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
        if (NotRunning.Contains(before.Status))
        {
            return ActionResult.Done(action, $"{noun} {before.Name} was already {before.Status}; nothing to stop", snapshot, null);
        }
        try
        {
            await stop(ct);
        }
        // Stopping a job that is no longer InProgress answers ValidationException (aws-facts §B4): it finished or was
        // stopped between our Describe and the stop. That is the state we wanted.
        catch (AwsServiceException e) when (e.ErrorCode == "ValidationException")
        {
            var now = await describe(ct);
            if (!NotRunning.Contains(now.Status))
            {
                throw;
            }
            return ActionResult.Done(action, $"{noun} {before.Name} was already {now.Status} when the stop arrived ({e.ServiceMessage}); nothing to stop", snapshot, null);
        }
        return ActionResult.Done(action, $"{noun} {before.Name} was {before.Status}; stop requested (Stopping, then Stopped); {Irreversible}", snapshot, null);
    }
}
