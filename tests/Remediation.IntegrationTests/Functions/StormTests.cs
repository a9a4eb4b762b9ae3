using Remediation.Core.Aws.Iam;
using Remediation.Benchmarks.Storm;

namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Issue 13 goal 6, the correctness half (the benchmark `storm` times it beside the peer): a storm of GuardDuty
/// updates and redeliveries for a set of users, delivered 8 at a time by separate function instances, contains each
/// user once, notifies once per user and repeats no write.
/// </summary>
[Collection("LocalAws")]
public sealed class StormTests(LocalAwsFixture fixture) : IDisposable
{
    private const int Principals = 10;
    private const int PerPrincipal = 20;
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Two_hundred_deliveries_for_ten_users_contain_each_once_notify_each_once_and_repeat_no_write()
    {
        await harness.ResetAsync(StormEvents.World(Principals));
        var events = StormEvents.Events(await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json"), Principals, PerPrincipal, seed: 13);
        // Ten distinct users is more than the default breaker lets through in a window; this storm is about duplicates.
        (string, string)[] env = [("REMEDIATION_MODE", "enforce"), ("BREAKER_MAX_TARGETS", "100"), ("BREAKER_MAX_TARGETS_PER_SOURCE", "100")];

        var outcome = await StormDriver.RunAsync(events, 8, _ => StormDriver.Over(harness.Bind("RevokeIamPermissions", env)));

        Assert.Equal(Principals * PerPrincipal, outcome.Deliveries - outcome.Retries);
        var calls = await harness.CallsAsync();
        var tally = StormTally.Of(calls.Select(c => (c.Service, c.Operation, c.Status,
            c.Parameters.ValueKind == JsonValueKind.Object && c.Parameters.TryGetProperty("UserName", out var user) ? user.GetString() : null)));
        Assert.Equal(new StormTally(Contained: Principals, Writes: 2 * Principals, RepeatedWrites: 0, Notifications: Principals), tally);
        for (var p = 0; p < Principals; p++)
        {
            var keys = await harness.Aws.Iam.ListAccessKeysAsync(StormEvents.User(p), default);
            Assert.Equal(AccessKeyStatus.Inactive, Assert.Single(keys).Status);
        }
    }
}
