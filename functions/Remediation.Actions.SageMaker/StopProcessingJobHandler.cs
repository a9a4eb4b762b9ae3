using Remediation.Core.Aws.SageMaker;

namespace Remediation.Actions.SageMaker;

/// <summary>
/// <c>sagemaker:StopProcessingJob</c> (parameter <c>processingJobName</c>): records the job's description, then stops it.
/// Already stopped or finished is success with a note; there is no inverse (a stopped job cannot resume).
/// </summary>
public sealed class StopProcessingJobHandler(ISageMaker sageMaker) : IActionHandler
{
    /// <summary>The action kind.</summary>
    public const string ActionKind = "sagemaker:StopProcessingJob";

    /// <summary>The parameter naming the job.</summary>
    public const string JobNameParameter = "processingJobName";

    /// <inheritdoc />
    public string Kind => ActionKind;

    /// <inheritdoc />
    public bool RunsAlongside => true;

    /// <inheritdoc />
    public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var name = action.Require(JobNameParameter);
        return SageMakerStops.StopJobAsync(action, "processing job",
            c => sageMaker.DescribeProcessingJobAsync(name, c), c => sageMaker.StopProcessingJobAsync(name, c), ct);
    }
}
