using Remediation.Actions.SageMaker;
using Remediation.Core.Aws.SageMaker;
using Remediation.StopTrainingJob;
using Remediation.Tests.Events;

namespace Remediation.Tests.StopTrainingJob;

public sealed class StopTrainingJobPlannerTests
{
    private const string ExecRole = "arn:aws:iam::123456789012:role/sagemaker-exec";

    private static Finding Sample(string file) => SampleEvents.Parse(file).Finding!;

    [Fact]
    public void An_untrusted_job_is_stopped_by_its_exact_arn_and_each_broken_rule_is_evidence()
    {
        var plan = StopTrainingJobPlanner.ForCreateCall(Sample("cloudtrail/sagemaker-create-training-job-untrusted.json"), TrainingPolicy.Default);

        var action = Assert.Single(plan.Actions);
        Assert.Equal(StopTrainingJobHandler.ActionKind, action.Kind);
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-model-2025", action.Target);
        Assert.Equal("churn-model-2025", action.Require(StopTrainingJobHandler.JobNameParameter));
        Assert.Equal(
            [
                "Broken rule requireKms: outputDataConfig.kmsKeyId not set (policy: a KMS key is required)",
                "Broken rule requireKms: resourceConfig.volumeKmsKeyId not set (policy: a KMS key is required)",
            ],
            plan.Evidence.Take(2));
        Assert.Contains(plan.Evidence, e => e.Contains("approvedImageRegistries: algorithmSpecification.trainingImage = 999988887777.dkr.ecr.us-east-1.amazonaws.com/xmr-optimized-trainer:latest", StringComparison.Ordinal));
        Assert.Equal("Stopped training job churn-model-2025, 2 policy rules broken", plan.Headline.Done);
        Assert.Equal("Would stop training job churn-model-2025, 2 policy rules broken", plan.Headline.Planned);
        Assert.False(plan.Quiet);
    }

    [Fact]
    public void A_compliant_job_is_not_an_incident()
    {
        var plan = StopTrainingJobPlanner.ForCreateCall(Sample("cloudtrail/sagemaker-create-training-job-compliant.json"),
            TrainingPolicy.Parse("""{"requireVpc": true, "requireNetworkIsolation": true, "maxInstanceCount": 2, "maxRuntimeSeconds": 86400}"""));
        Assert.Empty(plan.Actions);
        Assert.True(plan.Quiet);
        Assert.Equal(["training job fraud-model-2025 complies with the training policy"], plan.Skipped);
    }

    [Theory]
    [InlineData("cloudtrail/sagemaker-create-training-job-no-kms.json", "{}", new[] { "requireKms" })]
    [InlineData("cloudtrail/sagemaker-create-training-job-gpu-fleet.json", """{"maxInstanceCount": 4, "allowedInstanceTypes": ["ml.m5.*","ml.g5.*"], "maxRuntimeSeconds": 172800, "allowedRoleArns": ["arn:aws:iam::123456789012:role/sagemaker-exec"]}""", new[] { "maxInstanceCount", "allowedInstanceTypes", "maxRuntimeSeconds", "allowedRoleArns" })]
    [InlineData("cloudtrail/sagemaker-create-training-job-open-network.json", """{"requireVpc": true, "requireNetworkIsolation": true}""", new[] { "requireNetworkIsolation", "requireVpc" })]
    [InlineData("cloudtrail/sagemaker-create-processing-job-untrusted.json", """{"allowedOutputBuckets": ["ml-artifacts-*"]}""", new[] { "requireKms", "approvedImageRegistries", "allowedOutputBuckets" })]
    public void Each_sample_breaks_exactly_its_rules(string file, string policy, string[] rules)
    {
        var plan = StopTrainingJobPlanner.ForCreateCall(Sample(file), TrainingPolicy.Parse(policy));
        Assert.Single(plan.Actions);
        Assert.Equal(rules, plan.Evidence.Select(e => e["Broken rule ".Length..e.IndexOf(':', StringComparison.Ordinal)]).Distinct());
    }

    [Fact]
    public void A_processing_job_is_stopped_with_the_processing_handler()
    {
        var action = Assert.Single(StopTrainingJobPlanner.ForCreateCall(Sample("cloudtrail/sagemaker-create-processing-job-untrusted.json"), TrainingPolicy.Default).Actions);
        Assert.Equal((StopProcessingJobHandler.ActionKind, "arn:aws:sagemaker:us-east-1:123456789012:processing-job/feature-export-0614"), (action.Kind, action.Target));
        Assert.Equal("feature-export-0614", action.Require(StopProcessingJobHandler.JobNameParameter));
    }

    [Fact]
    public void A_role_finding_stops_exactly_the_jobs_under_that_role()
    {
        var finding = TestFindings.GuardDuty(TestFindings.Role("sagemaker-exec", "SageMaker"), type: "Exfiltration:IAMUser/AnomalousBehavior");
        RunningJob[] running =
        [
            new(JobKind.Training, "b-job", "arn:aws:sagemaker:us-east-1:123456789012:training-job/b-job", ExecRole),
            new(JobKind.Training, "a-job", "arn:aws:sagemaker:us-east-1:123456789012:training-job/a-job", "arn:aws:iam::123456789012:role/service-role/SageMaker-Exec"),
            new(JobKind.Processing, "prep", "arn:aws:sagemaker:us-east-1:123456789012:processing-job/prep", ExecRole),
            new(JobKind.Training, "other", "arn:aws:sagemaker:us-east-1:123456789012:training-job/other", "arn:aws:iam::123456789012:role/ml-sandbox-exec"),
            new(JobKind.Training, "cross", "arn:aws:sagemaker:us-east-1:123456789012:training-job/cross", "arn:aws:iam::999988887777:role/sagemaker-exec"),
            new(JobKind.Training, "unknown", "arn:aws:sagemaker:us-east-1:123456789012:training-job/unknown", null),
        ];
        var plan = StopTrainingJobPlanner.ForRole(finding, "sagemaker-exec", new RoleRecognition(true, "trust policy", ExecRole), running, ["job x vanished"]);

        Assert.Equal(["a-job", "b-job", "prep"], plan.Actions.Select(a => a.Parameters.Values.Single()));
        Assert.Equal(StopProcessingJobHandler.ActionKind, plan.Actions[^1].Kind);
        Assert.Equal(["job x vanished", "3 in-progress job(s) under other roles were left running"], plan.Skipped);
        Assert.Equal("Stopped SageMaker jobs of role sagemaker-exec", plan.Headline.Done);
        Assert.Contains("3 in-progress job(s) under the role: a-job, b-job, prep", plan.Evidence);
    }

    [Fact]
    public void A_role_that_is_not_a_sagemaker_role_is_not_an_incident()
    {
        var plan = StopTrainingJobPlanner.ForRole(TestFindings.GuardDuty(), "ml-training-ec2-role",
            new RoleRecognition(false, "its trust policy does not name sagemaker.amazonaws.com", "arn:aws:iam::123456789012:role/ml-training-ec2-role"), [], []);
        Assert.True(plan.Quiet);
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void A_sagemaker_role_with_nothing_running_is_reported()
    {
        var plan = StopTrainingJobPlanner.ForRole(TestFindings.GuardDuty(TestFindings.Role("sagemaker-exec", "SageMaker")), "sagemaker-exec",
            new RoleRecognition(true, "trust policy", ExecRole), [], []);
        Assert.False(plan.Quiet);
        Assert.Empty(plan.Actions);
        Assert.StartsWith("no in-progress training or processing job runs under role sagemaker-exec", plan.Skipped[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_noncompliant_notebook_is_stopped_by_its_arn()
    {
        var finding = Sample("config/sagemaker-notebook-direct-internet-noncompliant.json");
        var notebook = new SageMakerNotebook("research-notebook", "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research-notebook", "InService", "Enabled", null, ExecRole);
        var plan = StopTrainingJobPlanner.ForNotebook(finding, notebook);
        var action = Assert.Single(plan.Actions);
        Assert.Equal((StopNotebookInstanceHandler.ActionKind, notebook.Arn, "research-notebook"), (action.Kind, action.Target, action.Require(StopNotebookInstanceHandler.NameParameter)));
        Assert.Contains(plan.Evidence, e => e.StartsWith("DirectInternetAccess = Enabled", StringComparison.Ordinal));
        Assert.Equal("Stopped notebook instance research-notebook", plan.Headline.Done);
    }

    [Fact]
    public void A_notebook_that_no_longer_exists_or_another_rule_is_reported_only()
    {
        var finding = Sample("config/sagemaker-notebook-direct-internet-noncompliant.json");
        Assert.Empty(StopTrainingJobPlanner.ForNotebook(finding, null).Actions);
        var other = Sample("config/access-keys-rotated-noncompliant.json");
        Assert.Contains("not access-keys-rotated", Assert.Single(StopTrainingJobPlanner.ForNotebook(other, null).Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Conformance_pack_rule_names_are_matched_by_prefix()
    {
        var finding = SampleEvents.ParseEdited("config/sagemaker-notebook-direct-internet-noncompliant.json",
            n => n["detail"]!["configRuleName"] = "sagemaker-notebook-instance-inside-vpc-conformance-pack-abc123").Finding!;
        var notebook = new SageMakerNotebook("research-notebook", "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research-notebook", "InService", "Enabled", null, ExecRole);
        Assert.Single(StopTrainingJobPlanner.ForNotebook(finding, notebook).Actions);
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", true)]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","SageMaker.amazonaws.com"]},"Action":"sts:AssumeRole"}}""", true)]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}""", false)]
    [InlineData("not json", false)]
    [InlineData(null, false)]
    public void Sagemaker_execution_roles_are_recognized_by_their_trust_policy(string? trust, bool expected) =>
        Assert.Equal(expected, SageMakerRoles.TrustsSageMaker(trust));
}
