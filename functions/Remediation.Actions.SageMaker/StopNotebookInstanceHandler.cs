using Remediation.Core.Aws.SageMaker;

namespace Remediation.Actions.SageMaker;

/// <summary>
/// <c>sagemaker:StopNotebookInstance</c> (parameter <c>notebookInstanceName</c>): records the instance's description,
/// then stops it. The ML storage volume is kept (docs/aws-reference.md §B4). Already stopped is success with a note.
/// No automatic inverse: restarting puts the non-compliant instance back online, so that is an operator's decision.
/// </summary>
public sealed class StopNotebookInstanceHandler(ISageMaker sageMaker) : IActionHandler
{
    /// <summary>The action kind.</summary>
    public const string ActionKind = "sagemaker:StopNotebookInstance";

    /// <summary>The parameter naming the instance.</summary>
    public const string NameParameter = "notebookInstanceName";

    private static readonly HashSet<string> NotRunning = new(StringComparer.Ordinal) { "Stopping", "Stopped", "Failed", "Deleting" };

    /// <inheritdoc />
    public string Kind => ActionKind;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var name = action.Require(NameParameter);
        var before = await sageMaker.DescribeNotebookInstanceAsync(name, ct);
        var snapshot = before.Description.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : before.Description.GetRawText();
        if (NotRunning.Contains(before.Status))
        {
            return ActionResult.Done(action, $"notebook instance {name} was already {before.Status}; nothing to stop", snapshot, null);
        }
        try
        {
            await sageMaker.StopNotebookInstanceAsync(name, ct);
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.ValidationException)
        {
            var now = await sageMaker.DescribeNotebookInstanceAsync(name, ct);
            if (!NotRunning.Contains(now.Status))
            {
                throw;
            }
            return ActionResult.Done(action, $"notebook instance {name} was already {now.Status} when the stop arrived; nothing to stop", snapshot, null);
        }
        return ActionResult.Done(action,
            $"notebook instance {name} was {before.Status}; stopped (its storage volume is kept). Not reversed automatically: "
            + $"fix its network settings, then `aws sagemaker start-notebook-instance --notebook-instance-name {name}`",
            snapshot, null);
    }
}
