using System.Text;

namespace Remediation.IntegrationTests.Functions;

/// <summary>StopTrainingJob end to end through its handler string, against LocalAws seeded with in-progress jobs.</summary>
[Collection("LocalAws")]
public sealed class StopTrainingJobFunctionTests(LocalAwsFixture fixture) : IDisposable
{
    private const string Function = "StopTrainingJob";
    private static readonly (string, string) Enforce = ("REMEDIATION_MODE", "enforce");
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    private async Task<string> StatusAsync(string job) => (await harness.Aws.SageMaker.DescribeTrainingJobAsync(job, default)).Status;

    private async Task<List<string>> StoppedAsync(string operation = "StopTrainingJob", string member = "TrainingJobName") =>
        [.. (await harness.CallsAsync("sagemaker")).Where(c => c.Operation == operation && c.Status == 200).Select(c => c.Parameters.GetProperty(member).GetString()!)];

    [Fact]
    public async Task A_violating_CreateTrainingJob_stops_that_job_only_and_says_which_rules_it_broke()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/sagemaker-create-training-job-untrusted.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(["churn-model-2025"], await StoppedAsync());
        Assert.True(await StatusAsync("churn-model-2025") is "Stopping" or "Stopped");
        foreach (var untouched in new[] { "fraud-model-2025", "churn-retrain-nokms", "llm-finetune-xl", "baseline-model-golden" })
        {
            Assert.Equal("InProgress", await StatusAsync(untouched));
        }

        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Equal("[HIGH] Stopped training job churn-model-2025, 2 policy rules broken (CreateTrainingJob call)", message.Subject);
        Assert.Contains("WHY", message.Text, StringComparison.Ordinal);
        Assert.Contains("Broken rule requireKms: outputDataConfig.kmsKeyId not set", message.Text, StringComparison.Ordinal);
        Assert.Contains("999988887777.dkr.ecr.us-east-1.amazonaws.com/xmr-optimized-trainer:latest", message.Text, StringComparison.Ordinal);
        Assert.Contains("[done] sagemaker:StopTrainingJob on arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-model-2025", message.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing to undo.", message.Text, StringComparison.Ordinal);
        Assert.Equal(3, message.Machine.GetProperty("evidence").GetArrayLength());

        // The ledger keeps the job's description, the forensic snapshot, read just after the stop (containment first);
        // SageMaker stops only InProgress jobs, which the detail records.
        var record = await harness.Ledger().GetAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);
        var action = Assert.Single(record!.Actions);
        using var before = JsonDocument.Parse(action.Before!);
        Assert.True(before.RootElement.GetProperty("TrainingJobStatus").GetString() is "Stopping" or "Stopped");
        Assert.StartsWith("training job churn-model-2025 was InProgress; stop requested", action.Detail, StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:role/sagemaker-exec", before.RootElement.GetProperty("RoleArn").GetString());
        Assert.Equal("ml.p3.8xlarge", before.RootElement.GetProperty("ResourceConfig").GetProperty("InstanceType").GetString());
        Assert.Null(action.Inverse);
    }

    [Fact]
    public async Task A_compliant_CreateTrainingJob_stops_nothing_and_pages_nobody()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/sagemaker-create-training-job-compliant.json"), Enforce,
            ("TRAINING_POLICY", """{"requireVpc": true, "requireNetworkIsolation": true, "maxInstanceCount": 2, "allowedOutputBuckets": ["ml-artifacts-*"]}"""));

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("complies with the training policy", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await StoppedAsync());
        Assert.DoesNotContain(await harness.CallsAsync("sagemaker"), c => c.Operation.StartsWith("Stop", StringComparison.Ordinal));
        Assert.Equal("InProgress", await StatusAsync("fraud-model-2025"));
        Assert.Empty(await harness.PublishedAsync());
        var record = Assert.Single(await harness.Ledger().ListAsync(default));
        Assert.Equal(IncidentState.Notified, record.State);
    }

    [Fact]
    public async Task A_failed_CreateTrainingJob_call_is_reported_not_acted_on()
    {
        await harness.ResetAsync();
        var evt = (await harness.EventTextAsync("cloudtrail/sagemaker-create-training-job-untrusted.json"))
            .Replace("\"eventType\": \"AwsApiCall\",", "\"eventType\": \"AwsApiCall\", \"errorCode\": \"AccessDenied\",", StringComparison.Ordinal);
        Assert.Contains("AccessDenied", evt, StringComparison.Ordinal);
        var invocation = await harness.InvokeAsync(Function, evt, Enforce);
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("failed (AccessDenied)", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await StoppedAsync());
        Assert.Equal("InProgress", await StatusAsync("churn-model-2025"));
    }

    [Fact]
    public async Task A_processing_job_that_breaks_the_policy_is_stopped()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/sagemaker-create-processing-job-untrusted.json"), Enforce);
        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(["feature-export-0614"], await StoppedAsync("StopProcessingJob", "ProcessingJobName"));
        Assert.Equal("InProgress", (await harness.Aws.SageMaker.DescribeProcessingJobAsync("feature-prep-nightly", default)).Status);
    }

    [Fact]
    public async Task A_role_compromise_stops_exactly_the_jobs_under_that_role()
    {
        // Paging through listings of hundreds of jobs: SweepTests.
        await harness.ResetAsync(RoleWorld());
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/sagemaker-exec-role-anomalous-exfiltration.json"),
            Enforce, ("BREAKER_MAX_TARGETS", "50"));

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);

        var expected = Enumerable.Range(1, 12).Select(i => $"exec-job-{i:00}").ToList();
        Assert.Equal(expected, (await StoppedAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(["exec-prep-1"], await StoppedAsync("StopProcessingJob", "ProcessingJobName"));
        foreach (var job in expected)
        {
            Assert.True(await StatusAsync(job) is "Stopping" or "Stopped", job);
        }
        foreach (var job in new[] { "sandbox-job-1", "sandbox-job-2", "sandbox-job-3", "exec-exempt" })
        {
            Assert.Equal("InProgress", await StatusAsync(job));
        }
        Assert.Equal("InProgress", (await harness.Aws.SageMaker.DescribeProcessingJobAsync("sandbox-prep-1", default)).Status);

        var actions = invocation.Result.GetProperty("actions").EnumerateArray().ToList();
        var exempt = Assert.Single(actions, a => a.GetProperty("target").GetString()!.EndsWith("/exec-exempt", StringComparison.Ordinal));
        Assert.Equal("skipped", exempt.GetProperty("status").GetString());
        Assert.Contains("remediation:exempt=true", exempt.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Equal("[HIGH] Stopped SageMaker jobs of role sagemaker-exec (exfiltration: anomalous behavior)", message.Subject);
        Assert.Contains("14 in-progress job(s) under the role", message.Text, StringComparison.Ordinal);
        Assert.Contains("4 in-progress job(s) under other roles were left running", message.Text, StringComparison.Ordinal);
        Assert.Contains("trust policy lets sagemaker.amazonaws.com assume it", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_breaker_stops_automatic_writes_when_a_role_has_too_many_jobs()
    {
        await harness.ResetAsync(RoleWorld());
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/sagemaker-exec-role-anomalous-exfiltration.json"),
            Enforce, ("BREAKER_MAX_TARGETS", "5"));
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Empty(await StoppedAsync());
        Assert.Single(await harness.PublishedAsync());
    }

    [Fact]
    public async Task A_finding_about_a_role_that_is_not_a_sagemaker_role_stops_nothing_quietly()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/credential-exfiltration-outside-aws.json"), Enforce);
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("not a SageMaker execution role", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await harness.CallsAsync("sagemaker"), c => c.Operation != "ListTags");
        Assert.Empty(await harness.PublishedAsync());
    }

    [Fact]
    public async Task A_noncompliant_notebook_is_stopped_and_the_compliant_one_keeps_running()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("config/sagemaker-notebook-direct-internet-noncompliant.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(["research-notebook"], await StoppedAsync("StopNotebookInstance", "NotebookInstanceName"));
        Assert.Equal("Stopped", (await harness.Aws.SageMaker.DescribeNotebookInstanceAsync("research-notebook", default)).Status);
        Assert.Equal("InService", (await harness.Aws.SageMaker.DescribeNotebookInstanceAsync("platform-notebook", default)).Status);
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.StartsWith("[MEDIUM] Stopped notebook instance research-notebook", message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_event_twice_makes_one_stop_call()
    {
        await harness.ResetAsync();
        var evt = await harness.EventTextAsync("cloudtrail/sagemaker-create-training-job-untrusted.json");
        var first = await harness.InvokeAsync(Function, evt, Enforce);
        var second = await harness.InvokeAsync(Function, evt, Enforce);

        Assert.Equal(IncidentOutcome.Remediated, first.Outcome);
        Assert.Contains("duplicate", second.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Single(await harness.CallsAsync("sagemaker"), c => c.Operation == "StopTrainingJob");
        Assert.Single(await harness.PublishedAsync());
    }

    [Fact]
    public async Task Throttling_is_retried_to_the_same_result()
    {
        await harness.ResetAsync(RoleWorld());
        await fixture.SetFaultsAsync("""
            {"faults":[
              {"service":"sagemaker","operation":"ListTrainingJobs","error":"ThrottlingException","status":400,"count":2},
              {"service":"sagemaker","operation":"StopTrainingJob","error":"ThrottlingException","status":400,"count":3},
              {"service":"iam","operation":"GetRole","error":"Throttling","status":400,"count":1}
            ]}
            """);
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/sagemaker-exec-role-anomalous-exfiltration.json"),
            Enforce, ("BREAKER_MAX_TARGETS", "50"));

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"exec-job-{i:00}"), (await StoppedAsync()).Order(StringComparer.Ordinal));
        var stops = (await harness.CallsAsync("sagemaker")).Where(c => c.Operation == "StopTrainingJob").Select(c => c.Status).ToList();
        Assert.Equal(3, stops.Count(s => s == 400));
        Assert.Equal("InProgress", await StatusAsync("sandbox-job-1"));
    }

    [Fact]
    public async Task Dry_run_reports_the_exact_stops_and_makes_none()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/sagemaker-create-training-job-untrusted.json"));
        Assert.Equal(IncidentOutcome.DryRun, invocation.Outcome);
        var action = Assert.Single(invocation.Result.GetProperty("actions").EnumerateArray());
        Assert.Equal(("sagemaker:StopTrainingJob", "planned"), (action.GetProperty("kind").GetString(), action.GetProperty("status").GetString()));
        Assert.Empty(await StoppedAsync());
        Assert.StartsWith("[HIGH] DRY-RUN Would stop training job churn-model-2025", Assert.Single(await harness.PublishedAsync()).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_reports_the_stop_as_not_reversible()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/sagemaker-create-training-job-untrusted.json"), Enforce);
        var runner = harness.Rollback();

        var rolled = await runner.RollbackAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);

        var step = Assert.Single(rolled.Rollback);
        Assert.Equal(ActionStatus.Skipped, step.Status);
        Assert.StartsWith("not reversible: ", step.Detail, StringComparison.Ordinal);
        Assert.Single(await harness.CallsAsync("sagemaker"), c => c.Operation == "StopTrainingJob");
    }

    [Fact]
    public async Task A_malformed_policy_fails_naming_the_variable_and_member()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/sagemaker-create-training-job-untrusted.json"),
            Enforce, ("TRAINING_POLICY", """{"maxInstanceCount": "lots"}"""));
        Assert.Equal(IncidentOutcome.Failed, invocation.Outcome);
        var reason = invocation.Result.GetProperty("reason").GetString();
        Assert.Contains("TRAINING_POLICY", reason, StringComparison.Ordinal);
        Assert.Contains("maxInstanceCount", reason, StringComparison.Ordinal);
        Assert.Empty(await StoppedAsync());
    }

    /// <summary>
    /// sagemaker-exec runs 12 training jobs, one exempt job and a processing job;
    /// ml-sandbox-exec runs 3 training jobs and a processing job; a finished job of sagemaker-exec is not running.
    /// </summary>
    private static string RoleWorld()
    {
        static string Trust(string service) =>
            $$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"{{{service}}}"},"Action":"sts:AssumeRole"}]}""";
        const string exec = "arn:aws:iam::123456789012:role/sagemaker-exec";
        const string sandbox = "arn:aws:iam::123456789012:role/ml-sandbox-exec";
        var jobs = new List<string>();
        // Interleave the roles so each page mixes them.
        for (var i = 1; i <= 12; i++)
        {
            jobs.Add($$"""{"name":"exec-job-{{i:00}}","roleArn":"{{exec}}"}""");
            if (i % 4 == 0)
            {
                jobs.Add($$"""{"name":"sandbox-job-{{i / 4}}","roleArn":"{{sandbox}}"}""");
            }
        }
        jobs.Add($$"""{"name":"exec-exempt","roleArn":"{{exec}}","tags":{"remediation:exempt":"true"} }""");
        jobs.Add($$"""{"name":"exec-finished","roleArn":"{{exec}}","status":"Completed"}""");
        var world = new StringBuilder();
        world.Append($$"""
            {"account":"123456789012","region":"us-east-1",
             "roles":[
               {"name":"sagemaker-exec","id":"AROAQXSAGEMAKEREXEC01","path":"/","trustPolicy":{{Trust("sagemaker.amazonaws.com")}}},
               {"name":"ml-sandbox-exec","path":"/","trustPolicy":{{Trust("sagemaker.amazonaws.com")}}}],
             "trainingJobs":[{{string.Join(",", jobs)}}],
             "processingJobs":[{"name":"exec-prep-1","roleArn":"{{exec}}"},{"name":"sandbox-prep-1","roleArn":"{{sandbox}}"}]
            }
            """);
        return world.ToString();
    }
}
