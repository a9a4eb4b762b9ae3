using Remediation.Core.Aws.SageMaker;
using Remediation.Core.Pipeline;
using P = Remediation.Core.Actions.S3Quarantine.QuarantineParameters;

namespace Remediation.Core.Actions.S3Quarantine;

/// <summary>
/// Stops an in-progress SageMaker training or processing job that reads a quarantined object (blast radius).
/// Its own kinds (<see cref="QuarantineKinds.StopTrainingJob"/>, <see cref="QuarantineKinds.StopProcessingJob"/>) keep it
/// apart from the StopTrainingJob function's handlers. A job that is no longer running is done, not failed; a stopped job
/// cannot resume, so there is no inverse.
/// </summary>
public sealed class StopJobReadingObjectHandler(ISageMaker sageMaker, bool training) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => training ? QuarantineKinds.StopTrainingJob : QuarantineKinds.StopProcessingJob;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var name = action.Require(P.JobName);
        var job = training ? await sageMaker.DescribeTrainingJobAsync(name, ct) : await sageMaker.DescribeProcessingJobAsync(name, ct);
        if (job.Status != "InProgress")
        {
            return ActionResult.Done(action, $"job {name} was already {job.Status}", job.Status, null);
        }
        if (training)
        {
            await sageMaker.StopTrainingJobAsync(name, ct);
        }
        else
        {
            await sageMaker.StopProcessingJobAsync(name, ct);
        }
        return ActionResult.Done(action, $"stopped job {name} (was InProgress; a stopped job cannot be resumed, so rollback leaves it stopped)", job.Status, null);
    }
}
