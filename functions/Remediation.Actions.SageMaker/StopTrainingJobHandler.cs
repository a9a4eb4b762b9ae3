using Remediation.Core.Aws.SageMaker;

namespace Remediation.Actions.SageMaker;

/// <summary>
/// <c>sagemaker:StopTrainingJob</c> (parameter <c>trainingJobName</c>): records the job's description, then stops it.
/// Already stopped or finished is success with a note; there is no inverse (a stopped job cannot resume).
/// </summary>
public sealed class StopTrainingJobHandler(ISageMaker sageMaker) : IActionHandler
{
    /// <summary>The action kind.</summary>
    public const string ActionKind = "sagemaker:StopTrainingJob";

    /// <summary>The parameter naming the job.</summary>
    public const string JobNameParameter = "trainingJobName";

    /// <inheritdoc />
    public string Kind => ActionKind;

    /// <inheritdoc />
    public bool RunsAlongside => true;

    /// <inheritdoc />
    public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var name = action.Require(JobNameParameter);
        return SageMakerStops.StopJobAsync(action, "training job",
            c => sageMaker.DescribeTrainingJobAsync(name, c), c => sageMaker.StopTrainingJobAsync(name, c), ct);
    }
}
