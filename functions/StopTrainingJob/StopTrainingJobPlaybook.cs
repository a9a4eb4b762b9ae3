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
        var running = new List<RunningJob>();
        foreach (var summary in await sageMaker.ListTrainingJobsAsync("InProgress", ct))
        {
            if (await DescribeAsync(() => sageMaker.DescribeTrainingJobAsync(summary.Name, ct), summary, notes) is { } job)
            {
                running.Add(new RunningJob(JobKind.Training, job.Name, job.Arn, job.RoleArn));
            }
        }
        foreach (var summary in await sageMaker.ListProcessingJobsAsync("InProgress", ct))
        {
            if (await DescribeAsync(() => sageMaker.DescribeProcessingJobAsync(summary.Name, ct), summary, notes) is { } job)
            {
                running.Add(new RunningJob(JobKind.Processing, job.Name, job.Arn, job.RoleArn));
            }
        }
        return StopTrainingJobPlanner.ForRole(finding, roleName, recognition, running, notes);
    }

    /// <summary>A job listed as running but gone by the time we describe it is noted, not fatal.</summary>
    private static async Task<SageMakerJob?> DescribeAsync(Func<Task<SageMakerJob>> describe, SageMakerJobSummary summary, List<string> notes)
    {
        try
        {
            return await describe();
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.ValidationException)
        {
            notes.Add($"job {summary.Name} was listed as running but could not be described ({e.ServiceMessage}); not checked");
            return null;
        }
    }

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
