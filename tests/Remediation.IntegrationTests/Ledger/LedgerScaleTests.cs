using Microsoft.Extensions.Time.Testing;
using Remediation.Core.Configuration;
using Remediation.Core.Findings;

namespace Remediation.IntegrationTests.Ledger;

/// <summary>
/// Issue 12.4: an incident of hundreds of actions, each with a forensic snapshot, saved after every action as the
/// executor does: every save succeeds (no item reaches DynamoDB's 400 KB), each save sends only what changed (ledger
/// traffic linear in the actions, not quadratic), and the record reads back whole, in order, from the emulation.
/// </summary>
[Collection("LocalAws")]
public sealed class LedgerScaleTests(LocalAwsFixture fixture) : IDisposable
{
    private const int Actions = 400;
    private const int SnapshotBytes = 3_000; // a DescribeTrainingJob response is a few KB

    private readonly FunctionHarness harness = new(fixture);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task An_incident_of_hundreds_of_snapshotted_actions_is_saved_after_each_one_and_reads_back_whole()
    {
        await harness.ResetAsync();
        var settings = RemediationSettings.Load(new EnvironmentReader(new Dictionary<string, string?>
        {
            ["TOPIC_ARN"] = harness.Stack!.TopicArn,
            ["LEDGER_TABLE"] = harness.Stack.LedgerTable,
        }), 7);
        var ledger = new IncidentLedger(new DynamoDbRecordStore(harness.Aws.DynamoDb, settings.LedgerTable), settings, time);
        var claim = await ledger.ClaimAsync("StopTrainingJob", Finding(), default);
        await fixture.ClearCallsAsync();

        var done = new List<ActionRecord>();
        for (var i = 0; i < Actions; i++)
        {
            done.Add(Stopped(i));
            await ledger.SaveAsync(claim.Record with { Actions = [.. done] }, default);
        }

        var read = (await ledger.GetAsync(claim.Record.IncidentId, default))!;
        Assert.Equal(done.Select(a => a.Target), read.Actions.Select(a => a.Target));
        Assert.Equal(done[^1].Before, read.Actions[^1].Before);
        var listed = Assert.Single(await ledger.ListAsync(default), r => r.IncidentId == claim.Record.IncidentId);
        Assert.Equal(Actions, listed.Actions.Count);

        var writes = (await fixture.CallsAsync()).Where(c => c.Service == "dynamodb" && c.Operation is "PutItem" or "TransactWriteItems").ToList();
        Assert.Equal(Actions, writes.Count);
        var largest = writes.Max(c => c.Parameters.GetRawText().Length);
        var total = writes.Sum(c => (long)c.Parameters.GetRawText().Length);
        // One snapshot and the head per save; re-sending the whole record would total ~Actions^2/2 snapshots (240 MB).
        Assert.True(largest < 5 * SnapshotBytes + 30 * Actions, $"largest save {largest} bytes");
        Assert.True(total < 3L * Actions * SnapshotBytes + 30L * Actions * Actions, $"all saves {total} bytes");
    }

    private static ActionRecord Stopped(int i) => new("sagemaker:StopTrainingJob",
        $"arn:aws:sagemaker:us-east-1:123456789012:training-job/job-{i:0000}", "stop every job of the compromised role",
        new Dictionary<string, string> { ["TrainingJobName"] = $"job-{i:0000}" }, ActionStatus.Done, "was InProgress; stop requested",
        JsonSerializer.Serialize(new { TrainingJobName = $"job-{i:0000}", HyperParameters = new string('h', SnapshotBytes) }), null);

    private static Finding Finding() =>
        new(FindingSource.GuardDuty, "evt", "scale-1", "guardduty:scale-1", "Recon:IAMUser/TorIPCaller", "t", new Severity(8), "123456789012", "us-east-1",
            DateTimeOffset.UnixEpoch, false, null, null, null, null, null, JsonDocument.Parse("{}").RootElement.Clone());
}
