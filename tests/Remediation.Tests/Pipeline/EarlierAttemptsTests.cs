namespace Remediation.Tests.Pipeline;

/// <summary>
/// Issue 12.3: results accumulate across attempts. The plan is re-read on every attempt, so a job the first attempt
/// stopped is no longer planned by the second; its record, and the evidence kept for it, must not vanish.
/// </summary>
public sealed class EarlierAttemptsTests : IDisposable
{
    private const string Stop = "sagemaker:StopTrainingJob";
    private const string JobA = "arn:aws:sagemaker:us-east-1:123456789012:training-job/a";
    private const string JobB = "arn:aws:sagemaker:us-east-1:123456789012:training-job/b";

    private readonly PipelineBench bench = new();

    public void Dispose() => bench.Dispose();

    [Fact]
    public async Task Jobs_stopped_by_a_failed_attempt_stay_in_the_record_and_the_notification_after_the_retry()
    {
        var playbook = new RunningJobsPlaybook(bench.Journal);
        var pipeline = bench.Pipeline(playbook, [new FailingTargetHandler(JobB, bench.Journal)]);

        await Assert.ThrowsAsync<RemediationFailedException>(() => bench.RunAsync(pipeline, TestFindings.GuardDuty()));
        bench.Time.Advance(TimeSpan.FromSeconds(60));
        var result = await bench.RunAsync(pipeline, TestFindings.GuardDuty());

        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Equal([JobB], playbook.LastPlanned);
        var record = (await bench.Store.GetAsync(result.Report.IncidentId, default))!;
        Assert.Equal([(JobA, ActionStatus.Done), (JobB, ActionStatus.Done)], record.Actions.Select(a => (a.Target, a.Status)));
        Assert.Equal(["evidence/a.json", "evidence/b.json"], record.Evidence.Order(StringComparer.Ordinal));
        // One message per attempt outcome: the failure, then the containment, which names both jobs.
        Assert.Equal(2, bench.Sns.Published.Count);
        Assert.Contains("training-job/a: stop the job", bench.Sns.Published[^1].Message, StringComparison.Ordinal);
    }

    /// <summary>Plans a stop for each job the journal has not seen stopped, with a snapshot per planned job.</summary>
    private sealed class RunningJobsPlaybook(List<string> journal) : IPlaybook
    {
        public IReadOnlyList<string> LastPlanned { get; private set; } = [];

        public string FunctionName => "TestFunction";

        public Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
        {
            var running = new[] { JobA, JobB }.Where(j => !journal.Contains("stopped " + j)).ToList();
            LastPlanned = running;
            var actions = running.Select(j => PlannedAction.Create(Stop, j, "stop the job")).ToArray();
            return Task.FromResult(new Plan(actions, [], new Headline("Stopped the jobs", "Would stop the jobs"))
            {
                Evidence = [.. running.Select(j => "evidence/" + j[^1] + ".json")],
            });
        }
    }

    /// <summary>Fails the first write on one target; records every successful stop in the journal.</summary>
    private sealed class FailingTargetHandler(string failing, List<string> journal) : IActionHandler
    {
        private bool failed;

        public string Kind => Stop;

        public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
        {
            if (action.Target == failing && !failed)
            {
                failed = true;
                throw new Core.Aws.AwsServiceException("sagemaker", "InternalFailure", "try again", 500, null);
            }
            journal.Add("stopped " + action.Target);
            return Task.FromResult(ActionResult.Done(action, "stopped " + action.Target, "InProgress", null));
        }
    }
}
