using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Time.Testing;
using Remediation.Core.Configuration;
using Remediation.Core.Findings;

namespace Remediation.IntegrationTests.Ledger;

/// <summary>The ledger's conditional writes and the breaker, against DynamoDB in the emulation.</summary>
[Collection("LocalAws")]
public sealed class DynamoDbLedgerTests(LocalAwsFixture fixture) : IDisposable
{
    private readonly FunctionHarness harness = new(fixture);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => harness.Dispose();

    private RemediationSettings Settings(params (string, string)[] extra)
    {
        var env = new Dictionary<string, string?> { ["TOPIC_ARN"] = harness.Stack!.TopicArn, ["LEDGER_TABLE"] = harness.Stack.LedgerTable };
        foreach (var (k, v) in extra)
        {
            env[k] = v;
        }
        return RemediationSettings.Load(new EnvironmentReader(env), 7);
    }

    private IncidentLedger Ledger(RemediationSettings settings) =>
        new(new DynamoDbRecordStore(harness.Aws.DynamoDb, settings.LedgerTable), settings, time);

    private static Finding Finding(string id) =>
        new(FindingSource.GuardDuty, "evt", id, "guardduty:" + id, "Recon:IAMUser/TorIPCaller", "t", new Severity(8), "123456789012", "us-east-1",
            DateTimeOffset.UnixEpoch, false, null, null, null, null, null, JsonDocument.Parse("{}").RootElement.Clone());

    [Fact]
    public async Task Of_concurrent_claims_exactly_one_wins()
    {
        await harness.ResetAsync();
        var ledger = Ledger(Settings());
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => ledger.ClaimAsync("Notify", Finding("race-1"), default))));
        Assert.Single(claims, c => c.Outcome == ClaimOutcome.Acquired);
        Assert.All(claims.Where(c => c.Outcome != ClaimOutcome.Acquired), c => Assert.Equal(ClaimOutcome.Busy, c.Outcome));
    }

    [Fact]
    public async Task Stale_claim_is_taken_over_and_the_old_owner_cannot_write()
    {
        await harness.ResetAsync();
        var ledger = Ledger(Settings(("CLAIM_TIMEOUT_SECONDS", "60")));
        var first = await ledger.ClaimAsync("Notify", Finding("stale-1"), default);
        Assert.Equal(ClaimOutcome.Busy, (await ledger.ClaimAsync("Notify", Finding("stale-1"), default)).Outcome);
        time.Advance(TimeSpan.FromMinutes(2));
        var takeover = await ledger.ClaimAsync("Notify", Finding("stale-1"), default);
        Assert.Equal(ClaimOutcome.Acquired, takeover.Outcome);
        await Assert.ThrowsAsync<ClaimLostException>(() => ledger.SaveAsync(first.Record with { Outcome = IncidentOutcome.Failed }, default));
        await ledger.SaveAsync(takeover.Record with { State = IncidentState.Notified }, default);
        Assert.Equal(ClaimOutcome.Duplicate, (await ledger.ClaimAsync("Notify", Finding("stale-1"), default)).Outcome);
    }

    private static ActionRecord Done(int i) => new("iam:AttachUserPolicy", $"arn:aws:iam::123456789012:user/u{i}", "contain",
        new Dictionary<string, string> { ["UserName"] = $"u{i}" }, ActionStatus.Done, "attached", null, null);

    private async Task<List<string>> DynamoCallsAsync() =>
        [.. (await harness.CallsAsync("dynamodb")).Select(c => $"{c.Operation} {c.Status}")];

    [Fact]
    public async Task A_redelivery_is_decided_by_the_refused_put_alone_and_a_takeover_still_gets_the_earlier_actions()
    {
        await harness.ResetAsync();
        var settings = Settings(("CLAIM_TIMEOUT_SECONDS", "60"));
        var first = await Ledger(settings).ClaimAsync("Notify", Finding("redelivered-1"), default);
        await Ledger(settings).SaveAsync(first.Record with { State = IncidentState.Notified, Actions = [Done(1), Done(2), Done(3)] }, default);
        await fixture.ClearCallsAsync();

        // Another instance: the conditional put returns the stored head (ReturnValuesOnConditionCheckFailure), no read follows.
        var duplicate = await Ledger(settings).ClaimAsync("Notify", Finding("redelivered-1"), default);
        Assert.Equal(ClaimOutcome.Duplicate, duplicate.Outcome);
        Assert.Equal(["PutItem 400"], await DynamoCallsAsync());

        var failed = await Ledger(settings).ClaimAsync("Notify", Finding("failed-1"), default);
        await Ledger(settings).SaveAsync(failed.Record with { State = IncidentState.Failed, Actions = [Done(4), Done(5)] }, default);
        var takeover = await Ledger(settings).ClaimAsync("Notify", Finding("failed-1"), default);
        Assert.Equal(ClaimOutcome.Acquired, takeover.Outcome);
        Assert.Equal(["u4", "u5"], takeover.Previous.Select(a => a.Parameters["UserName"]));
    }

    [Fact]
    public async Task An_instance_answers_redeliveries_of_an_incident_it_finished_without_any_call()
    {
        await harness.ResetAsync();
        var ledger = Ledger(Settings());
        var claim = await ledger.ClaimAsync("Notify", Finding("finished-1"), default);
        await ledger.SaveAsync(claim.Record with { State = IncidentState.Notified, Outcome = IncidentOutcome.Remediated }, default);
        await fixture.ClearCallsAsync();

        var again = await ledger.ClaimAsync("Notify", Finding("finished-1"), default);
        Assert.Equal(ClaimOutcome.Duplicate, again.Outcome);
        Assert.Equal(IncidentOutcome.Remediated, again.Record.Outcome);
        Assert.NotNull(ledger.Finished(again.Record.IncidentId));
        Assert.Empty(await DynamoCallsAsync());
    }

    [Fact]
    public async Task Records_carry_a_ttl_attribute_in_epoch_seconds()
    {
        await harness.ResetAsync();
        var ledger = Ledger(Settings(("LEDGER_TTL_DAYS", "30")));
        var claim = await ledger.ClaimAsync("Notify", Finding("ttl-1"), default);
        var item = await harness.Aws.DynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = harness.Stack!.LedgerTable,
            Key = new() { ["pk"] = new AttributeValue { S = claim.Record.IncidentId } },
        });
        Assert.Equal(time.GetUtcNow().AddDays(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item.Item["ttl"].N);
        Assert.Equal("Claimed", item.Item["state"].S);
    }

    [Fact]
    public async Task Breaker_admits_up_to_the_limit_then_refuses_until_the_window_passes()
    {
        await harness.ResetAsync();
        var breaker = new DynamoDbTargetBreaker(harness.Aws.DynamoDb, Settings(("BREAKER_MAX_TARGETS", "3"), ("BREAKER_MAX_TARGETS_PER_SOURCE", "3"), ("BREAKER_WINDOW_MINUTES", "10")), time);
        Assert.True((await breaker.AdmitAsync(Request("F", "a", "i-1", "arn:1", "arn:2"), default)).Admitted);
        Assert.True((await breaker.AdmitAsync(Request("F", "b", "i-2", "arn:2", "arn:3"), default)).Admitted);
        var refused = await breaker.AdmitAsync(Request("F", "c", "i-3", "arn:4"), default);
        Assert.False(refused.Admitted);
        Assert.Contains("4 distinct targets within 10 min (limit 3)", refused.Reason, StringComparison.Ordinal);
        Assert.True(refused.AnnounceOpen);
        var again = await breaker.AdmitAsync(Request("F", "d", "i-4", "arn:5"), default);
        Assert.False(again.AnnounceOpen); // announced once per window
        Assert.Equal(["i-3", "i-4"], again.Held);
        Assert.True((await breaker.AdmitAsync(Request("OtherFunction", "c", "i-5", "arn:4"), default)).Admitted);
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.True((await breaker.AdmitAsync(Request("F", "c", "i-3", "arn:4"), default)).Admitted);
    }

    [Fact]
    public async Task Concurrent_incidents_under_contention_are_all_decided_never_skipped()
    {
        await harness.ResetAsync();
        var breaker = new DynamoDbTargetBreaker(harness.Aws.DynamoDb, Settings(("BREAKER_MAX_TARGETS", "100")), TimeProvider.System);
        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            breaker.AdmitAsync(Request("F", "source-" + i, "i-" + i, "arn:" + i), default)));
        Assert.All(decisions, d => Assert.True(d.Admitted, d.Reason));
    }

    private static BreakerRequest Request(string function, string source, string incident, params string[] targets) =>
        new(function, source, incident, targets);

    [Fact]
    public async Task Tag_lookup_reads_the_exemption_tag_from_iam()
    {
        await harness.ResetAsync();
        var tags = new Core.Guardrails.AwsTagLookup(harness.Aws.Iam, harness.Aws.S3);
        var exempt = await tags.GetTagsAsync("arn:aws:iam::123456789012:role/security-admin", default);
        Assert.Equal("true", exempt["remediation:exempt"]);
        Assert.Empty(await tags.GetTagsAsync("arn:aws:iam::123456789012:user/no-such-user", default));
    }
}
