using Remediation.Core.Guardrails;

namespace Remediation.Tests.Pipeline;

/// <summary>
/// An exception that escapes after the claim must not leave the incident claimed: the redelivery (Lambda retries an
/// async invocation after about 1 and 2 minutes, well inside the claim timeout) resumes at once, carrying over the writes.
/// </summary>
public sealed class FailedAttemptReleaseTests : IDisposable
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/ml-training-ec2-role";
    private const string KeyArn = "arn:aws:iam::123456789012:user/etl/key";

    private readonly PipelineBench bench = new();
    private List<string> Journal => bench.Journal;

    public void Dispose() => bench.Dispose();

    private IncidentPipeline Pipeline(ITagLookup tags, IActionHandler second) => bench.Pipeline(
        new FixedPlaybook(
            PlannedAction.Create("iam:PutRolePolicy", RoleArn, "revoke sessions"),
            PlannedAction.Create(second.Kind, KeyArn, "deactivate the named key")),
        [new RecordingHandler("iam:PutRolePolicy", Journal), second], tags);

    private Task<PipelineResult> Run(IncidentPipeline p) => bench.RunAsync(p, TestFindings.GuardDuty());

    [Fact]
    public async Task A_read_failing_before_any_write_releases_the_claim_for_an_immediate_redelivery()
    {
        var tags = new ThrowingTags(failures: 1);
        var p = Pipeline(tags, new RecordingHandler("iam:UpdateAccessKey", Journal));
        await Assert.ThrowsAsync<Core.Aws.AwsServiceException>(() => Run(p));
        var failed = Assert.Single(await bench.Store.ListAsync(default));
        Assert.Equal(IncidentState.Failed, failed.State);
        Assert.Contains("Throttling", failed.Reason, StringComparison.Ordinal);

        bench.Time.Advance(TimeSpan.FromSeconds(60)); // Lambda's first retry; the claim timeout is 900 s
        var result = await Run(p);
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Equal(["iam:PutRolePolicy " + RoleArn, "iam:UpdateAccessKey " + KeyArn], Journal);
        Assert.Single(bench.Sns.Published);
    }

    [Fact]
    public async Task A_crash_after_a_write_keeps_the_write_and_the_redelivery_does_not_repeat_it()
    {
        var crashing = new CrashOnceHandler("iam:UpdateAccessKey", Journal);
        var p = Pipeline(new FakeTags(), crashing);
        await Assert.ThrowsAsync<TimeoutException>(() => Run(p));
        var failed = Assert.Single(await bench.Store.ListAsync(default));
        Assert.Equal(IncidentState.Failed, failed.State);
        var kept = Assert.Single(failed.Actions);
        Assert.Equal(ActionStatus.Done, kept.Status);
        Assert.NotNull(kept.Inverse);

        bench.Time.Advance(TimeSpan.FromSeconds(60));
        var result = await Run(p);
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Equal(1, Journal.Count(j => j.StartsWith("iam:PutRolePolicy", StringComparison.Ordinal)));
        var record = await bench.Store.GetAsync(result.Report.IncidentId, default);
        Assert.Equal(IncidentState.Notified, record!.State);
        Assert.Equal(2, record.Actions.Count);
        Assert.All(record.Actions, a => Assert.NotNull(a.Inverse));
    }

    private sealed class ThrowingTags(int failures) : ITagLookup
    {
        private int left = failures;

        public Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string arn, CancellationToken ct) =>
            left-- > 0
                ? throw new Core.Aws.AwsServiceException("iam", "Throttling", "Rate exceeded", 400, null)
                : Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
    }

    private sealed class CrashOnceHandler(string kind, List<string> journal) : IActionHandler
    {
        private bool crashed;

        public string Kind => kind;

        public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
        {
            journal.Add(kind + " " + action.Target);
            if (!crashed)
            {
                crashed = true;
                throw new TimeoutException("the function ran out of time");
            }
            return Task.FromResult(ActionResult.Done(action, "ok", "Active", PlannedAction.Create("undo:" + kind, action.Target, "undo")));
        }
    }
}
