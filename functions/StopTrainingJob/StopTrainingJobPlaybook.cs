using Remediation.Actions.SageMaker;
using Remediation.Core.Aws.SageMaker;
using Remediation.Core.Notifications;

namespace Remediation.StopTrainingJob;

/// <summary>
/// Gathers the facts StopTrainingJob decides on (reads only: GetRole, List/Describe jobs, DescribeNotebookInstance)
/// and hands them to <see cref="StopTrainingJobPlanner"/>.
/// </summary>
public sealed class StopTrainingJobPlaybook(ISageMaker sageMaker, SageMakerRoles roles, StopTrainingJobOptions options) : IPlaybook
{
    /// <summary>The function's logical name.</summary>
    public const string Name = "StopTrainingJob";

    /// <inheritdoc />
    public string FunctionName => Name;

    /// <inheritdoc />
    public async Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Source switch
        {
            FindingSource.CloudTrail => StopTrainingJobPlanner.ForCreateCall(finding, options.Policy),
            FindingSource.GuardDuty => await PlanRoleFindingAsync(finding, ct),
            FindingSource.Config => StopTrainingJobPlanner.ForNotebook(finding, await NotebookAsync(finding, ct)),
            _ => Plan.ReportOnly("StopTrainingJob does not act on this kind of event", ReportHeadline.For(finding)),
        };
    }

    private async Task<Plan> PlanRoleFindingAsync(Finding finding, CancellationToken ct)
    {
        if (finding.Principal is not { Kind: PrincipalKind.AssumedRole, Name: { } roleName } principal)
        {
            return Plan.NotAnIncident("the finding names no IAM role session, so no SageMaker job can be tied to it", ReportHeadline.For(finding));
        }
        if (finding.Severity.Score < options.GuardDutyMinSeverity)
        {
            return Plan.ReportOnly(
                $"severity {finding.Severity.Score:0.#} is below {StopTrainingJobOptions.GuardDutyMinSeverityVariable} {options.GuardDutyMinSeverity:0.#}; jobs of role {roleName} were left running",
                ReportHeadline.For(finding));
        }
        var recognition = await roles.RecognizeAsync(roleName, principal.Arn ?? roleName, ct);
        if (!recognition.IsExecutionRole)
        {
            return StopTrainingJobPlanner.ForRole(finding, roleName, recognition, [], []);
        }
        var notes = new List<string>();
        var training = Described(sageMaker.ListTrainingJobsAsync("InProgress", ct), sageMaker.DescribeTrainingJobAsync, ct);
        var processing = Described(sageMaker.ListProcessingJobsAsync("InProgress", ct), sageMaker.DescribeProcessingJobAsync, ct);
        var running = new List<RunningJob>();
        foreach (var (kind, described) in new[] { (JobKind.Training, await training), (JobKind.Processing, await processing) })
        {
            foreach (var d in described)
            {
                if (d.Job is { } job)
                {
                    running.Add(new RunningJob(kind, job.Name, job.Arn, job.RoleArn));
                }
                else
                {
                    // Listed as running but gone by the time it was described: noted, not fatal.
                    notes.Add($"job {d.Summary.Name} was listed as running but could not be described ({d.Error!.ServiceMessage}); not checked");
                }
            }
        }
        return StopTrainingJobPlanner.ForRole(finding, roleName, recognition, running, notes);
    }

    private static async Task<IReadOnlyList<DescribedJob>> Described(Task<IReadOnlyList<SageMakerJobSummary>> listing,
        Func<string, CancellationToken, Task<SageMakerJob>> describe, CancellationToken ct) =>
        await JobDescriptions.DescribeAsync(await listing, describe, ct);

    /// <summary>Config names the instance by its name in resourceId (resolved here; null when it no longer exists).</summary>
    private async Task<SageMakerNotebook?> NotebookAsync(Finding finding, CancellationToken ct)
    {
        if (finding.Compliance is not { ComplianceType: "NON_COMPLIANT", ResourceId: { Length: > 0 } name })
        {
            return null;
        }
        try
        {
            return await sageMaker.DescribeNotebookInstanceAsync(name, ct);
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.ValidationException)
        {
            return null;
        }
    }
}
