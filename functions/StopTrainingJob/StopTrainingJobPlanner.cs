using Remediation.Actions.SageMaker;
using Remediation.Core.Aws.SageMaker;
using Remediation.Core.Events;
using Remediation.Core.Notifications;

namespace Remediation.StopTrainingJob;

/// <summary>An in-progress job with the role it runs under (from Describe).</summary>
/// <param name="Kind">Training or processing.</param>
/// <param name="Name">The job name.</param>
/// <param name="Arn">The job ARN.</param>
/// <param name="RoleArn">The execution role, when described.</param>
public sealed record RunningJob(JobKind Kind, string Name, string Arn, string? RoleArn);

/// <summary>The pure decisions of StopTrainingJob: finding + facts + policy → plan. No I/O.</summary>
public static class StopTrainingJobPlanner
{
    /// <summary>CloudTrail CreateTrainingJob / CreateProcessingJob: stop the job when its request breaks the policy.</summary>
    public static Plan ForCreateCall(Finding finding, TrainingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(policy);
        var call = finding.ApiCall;
        JobKind? kind = call?.EventName switch
        {
            "CreateTrainingJob" => JobKind.Training,
            "CreateProcessingJob" => JobKind.Processing,
            _ => null,
        };
        if (call is null || kind is null)
        {
            return Plan.ReportOnly($"StopTrainingJob acts on CreateTrainingJob and CreateProcessingJob calls, not {call?.EventName ?? finding.Type}", ReportHeadline.For(finding));
        }
        var noun = Noun(kind.Value);
        var name = RequestFields.String(call.RequestParameters, kind == JobKind.Training ? "trainingJobName" : "processingJobName");
        if (name is null)
        {
            return Plan.ReportOnly($"the {call.EventName} request names no job", ReportHeadline.For(finding));
        }
        var violations = TrainingPolicyEvaluator.Evaluate(policy, kind.Value, call.RequestParameters, finding.AccountId, finding.Region);
        if (violations.Count == 0)
        {
            return Plan.NotAnIncident($"{noun} {name} complies with the training policy", Headline.Same($"Checked {noun} {name}"));
        }
        var arn = RequestParameters.GetString(call.ResponseElements, kind == JobKind.Training ? "trainingJobArn" : "processingJobArn")
            ?? JobArn(finding, kind.Value, name);
        var rules = violations.Select(v => v.Rule).Distinct(StringComparer.Ordinal).ToList();
        var action = StopAction(kind.Value, name, arn,
            $"its {call.EventName} request broke the training policy ({string.Join(", ", rules)})");
        var brief = rules.Count == 1 ? rules[0] : $"{rules.Count} policy rules";
        return new Plan([action], [], new Headline($"Stopped {noun} {name}, {brief} broken", $"Would stop {noun} {name}, {brief} broken"))
        {
            Evidence = [.. violations.Select(v => "Broken rule " + v)],
        };
    }

    /// <summary>
    /// A GuardDuty finding about a SageMaker execution role: stop every in-progress job under exactly that role.
    /// Jobs under other roles keep running and are counted in Skipped.
    /// </summary>
    public static Plan ForRole(Finding finding, string roleName, RoleRecognition recognition, IReadOnlyList<RunningJob> running, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(roleName);
        ArgumentNullException.ThrowIfNull(recognition);
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(notes);
        if (!recognition.IsExecutionRole)
        {
            return Plan.NotAnIncident($"role {roleName} is not a SageMaker execution role: {recognition.How}", Headline.Same($"Checked role {roleName}"));
        }
        var mine = running.Where(j => UnderRole(j, roleName, finding.AccountId)).ToList();
        var others = running.Count - mine.Count;
        var skipped = new List<string>(notes);
        if (others > 0)
        {
            skipped.Add($"{others} in-progress job(s) under other roles were left running");
        }
        var evidence = new List<string> { $"Role {recognition.RoleArn} is a SageMaker execution role: {recognition.How}" };
        if (mine.Count == 0)
        {
            skipped.Insert(0, $"no in-progress training or processing job runs under role {roleName}; nothing to stop");
            return new Plan([], skipped, Headline.Same($"Found no running SageMaker jobs of role {roleName}")) { Evidence = evidence };
        }
        var reason = $"runs under role {roleName}, whose credentials the finding reports as compromised ({finding.Type})";
        var actions = mine
            .OrderBy(j => j.Kind)
            .ThenBy(j => j.Name, StringComparer.Ordinal)
            .Select(j => StopAction(j.Kind, j.Name, j.Arn, reason))
            .ToList();
        evidence.Add($"{mine.Count} in-progress job(s) under the role: {string.Join(", ", mine.Select(j => j.Name).Order(StringComparer.Ordinal).Take(20))}{(mine.Count > 20 ? ", ..." : "")}");
        return new Plan(actions, skipped,
            new Headline($"Stopped SageMaker jobs of role {roleName}", $"Would stop SageMaker jobs of role {roleName}"))
        {
            Evidence = evidence,
        };
    }

    /// <summary>A notebook Config rule turned NON_COMPLIANT: stop the instance (null when it no longer exists).</summary>
    public static Plan ForNotebook(Finding finding, SageMakerNotebook? notebook)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var compliance = finding.Compliance;
        if (compliance is null || !ConfigRuleOwners.IsNotebookRule(compliance.RuleName))
        {
            return Plan.ReportOnly($"StopTrainingJob acts on Config rules {string.Join(" and ", ConfigRuleOwners.NotebookRules)}, not {compliance?.RuleName ?? finding.Type}", ReportHeadline.For(finding));
        }
        var name = compliance.ResourceId;
        if (compliance.ComplianceType != "NON_COMPLIANT")
        {
            return Plan.NotAnIncident($"notebook instance {name} is {compliance.ComplianceType} with {compliance.RuleName}", Headline.Same($"Checked notebook instance {name}"));
        }
        if (notebook is null)
        {
            // Whether Config's resourceId for AWS::SageMaker::NotebookInstance is the name is UNCONFIRMED (docs/aws-reference.md §A4): say so.
            return Plan.ReportOnly(
                $"DescribeNotebookInstance found no instance named {name}: it was deleted, or Config's resourceId is not the instance name; nothing was stopped",
                Headline.Same($"Reported notebook instance {name}"));
        }
        var evidence = new List<string>
        {
            $"Config rule {compliance.RuleName}: {compliance.ComplianceType}",
            $"DirectInternetAccess = {notebook.DirectInternetAccess ?? "(not reported)"}, SubnetId = {notebook.SubnetId ?? "(none: not in a VPC)"}, status {notebook.Status}",
        };
        var action = PlannedAction.Create(StopNotebookInstanceHandler.ActionKind, notebook.Arn,
            $"it is NON_COMPLIANT with {compliance.RuleName}", (StopNotebookInstanceHandler.NameParameter, notebook.Name));
        return new Plan([action], [], new Headline($"Stopped notebook instance {notebook.Name}", $"Would stop notebook instance {notebook.Name}"))
        {
            Evidence = evidence,
        };
    }

    /// <summary>True when the job runs under the role: same role name (IAM names are case-insensitive) in the same account.</summary>
    public static bool UnderRole(RunningJob job, string roleName, string account)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.RoleArn is not { } arn)
        {
            return false;
        }
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "iam" || parts[4] != account || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            return false;
        }
        var name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
        return string.Equals(name, roleName, StringComparison.OrdinalIgnoreCase);
    }

    private static PlannedAction StopAction(JobKind kind, string name, string arn, string reason) => kind == JobKind.Training
        ? PlannedAction.Create(StopTrainingJobHandler.ActionKind, arn, reason, (StopTrainingJobHandler.JobNameParameter, name))
        : PlannedAction.Create(StopProcessingJobHandler.ActionKind, arn, reason, (StopProcessingJobHandler.JobNameParameter, name));

    /// <summary>SageMaker lower-cases the job name in its ARNs.</summary>
    private static string JobArn(Finding finding, JobKind kind, string name) =>
        $"arn:{Partition(finding.Region)}:sagemaker:{finding.Region}:{finding.AccountId}:{(kind == JobKind.Training ? "training-job" : "processing-job")}/{name.ToLowerInvariant()}";

    private static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    private static string Noun(JobKind kind) => kind == JobKind.Training ? "training job" : "processing job";
}
