using Remediation.Core.Aws.Sns;

namespace Remediation.Tests.Pipeline;

/// <summary>Issue 12.6: one incident, one message per attempt outcome, under concurrency and ledger faults.</summary>
public sealed class OneMessageTests : IDisposable
{
    private const string KeyArn = "arn:aws:iam::123456789012:user/etl/key";

    private readonly PipelineBench bench = new();

    public void Dispose() => bench.Dispose();

    private IncidentPipeline Pipeline(ISns? sns = null) => bench.Pipeline(
        new FixedPlaybook(PlannedAction.Create("iam:UpdateAccessKey", KeyArn, "deactivate the named key")),
        [new RecordingHandler("iam:UpdateAccessKey", bench.Journal)], sns: sns);

    [Fact]
    public async Task A_concurrent_delivery_does_not_take_over_an_incident_that_is_being_notified()
    {
        var gate = new GatedSns(bench.Sns);
        var first = bench.RunAsync(Pipeline(gate), TestFindings.GuardDuty());
        await gate.Reached.Task; // the writes are done and recorded; the first invocation is publishing

        await Assert.ThrowsAsync<IncidentBusyException>(() => bench.RunAsync(Pipeline(), TestFindings.GuardDuty()));
        gate.Open.SetResult();
        await first;

        Assert.Single(bench.Sns.Published);
        Assert.Single(bench.Journal);
    }

    [Fact]
    public async Task A_failed_publish_releases_the_claim_and_the_redelivery_only_notifies()
    {
        bench.Sns.FailuresLeft = 1;
        await Assert.ThrowsAsync<Core.Aws.AwsServiceException>(() => bench.RunAsync(Pipeline(), TestFindings.GuardDuty()));
        var released = Assert.Single(await bench.Store.ListAsync(default));
        Assert.Equal(IncidentState.Executed, released.State);

        var retry = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty()); // at once: no waiting for the claim timeout
        Assert.Equal(IncidentOutcome.Remediated, retry.Report.Outcome);
        Assert.Single(bench.Journal);
        Assert.Single(bench.Sns.Published);
        Assert.Equal(IncidentState.Notified, (await bench.Store.GetAsync(retry.Report.IncidentId, default))!.State);
    }

    [Fact]
    public async Task A_ledger_failure_after_the_publish_does_not_fail_the_invocation_into_a_second_message()
    {
        // Puts: claim, progress after the write, executed record, then three rounds of recording the notification.
        bench.Store.FailingPuts.UnionWith([4, 5, 6]);
        var result = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Single(bench.Sns.Published);
        Assert.Equal(IncidentState.Executed, (await bench.Store.GetAsync(result.Report.IncidentId, default))!.State);

        bench.Time.Advance(TimeSpan.FromSeconds(60));
        await Assert.ThrowsAsync<IncidentBusyException>(() => bench.RunAsync(Pipeline(), TestFindings.GuardDuty()));
        Assert.Single(bench.Sns.Published);
    }

    [Fact]
    public async Task Recording_the_notification_is_tried_again_before_giving_up()
    {
        bench.Store.FailingPuts.Add(4);
        var result = await bench.RunAsync(Pipeline(), TestFindings.GuardDuty());
        Assert.Equal(IncidentState.Notified, (await bench.Store.GetAsync(result.Report.IncidentId, default))!.State);
        Assert.Single(bench.Sns.Published);
    }

    /// <summary>Holds the publish until the test opens it.</summary>
    private sealed class GatedSns(ISns inner) : ISns
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<string> PublishAsync(SnsPublishRequest request, CancellationToken ct)
        {
            Reached.SetResult();
            await Open.Task;
            return await inner.PublishAsync(request, ct);
        }

        public Task<string> CreateTopicAsync(string name, CancellationToken ct) => inner.CreateTopicAsync(name, ct);
    }
}
