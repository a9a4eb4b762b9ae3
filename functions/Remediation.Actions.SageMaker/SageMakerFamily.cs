using Remediation.Core.Aws.SageMaker;

namespace Remediation.Actions.SageMaker;

/// <summary>The SageMaker stops a function may run (not reversible: the description kept as evidence is the record).</summary>
public static class SageMakerFamily
{
    /// <summary>Stop a training job, a processing job, a notebook instance.</summary>
    public static IEnumerable<IActionHandler> Stops(ISageMaker sageMaker) =>
        [.. JobStops(sageMaker), new StopNotebookInstanceHandler(sageMaker)];

    /// <summary>Stop a training or processing job (QuarantineS3Object stops the jobs reading a quarantined object).</summary>
    public static IEnumerable<IActionHandler> JobStops(ISageMaker sageMaker)
    {
        yield return new StopTrainingJobHandler(sageMaker);
        yield return new StopProcessingJobHandler(sageMaker);
    }
}
