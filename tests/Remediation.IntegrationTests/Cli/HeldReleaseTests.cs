using Remediation.Core.Aws.Iam;

namespace Remediation.IntegrationTests.Cli;

/// <summary>
/// Issue 12.7 end to end: with a one-target budget the second incident is held (not finished, announced once),
/// `remediate held` lists it and `remediate release` contains it now against the emulation.
/// </summary>
[Collection("LocalAws")]
public sealed class HeldReleaseTests(LocalAwsFixture fixture) : IDisposable
{
    private const string Function = "RevokeIamPermissions";
    private static readonly (string, string)[] Env = [("REMEDIATION_MODE", "enforce"), ("BREAKER_MAX_TARGETS", "1")];

    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task A_held_incident_is_listed_and_released_by_the_operator()
    {
        await harness.ResetAsync();
        var first = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json"), Env);
        Assert.Equal(IncidentOutcome.Remediated, first.Outcome);
        var second = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/credential-exfiltration-outside-aws.json"), Env);
        Assert.Equal(IncidentOutcome.Skipped, second.Outcome);
        var heldId = second.Result.GetProperty("incidentId").GetString()!;
        Assert.Equal(IncidentState.Held, (await harness.Ledger().GetAsync(heldId, CancellationToken.None))!.State);
        Assert.Null(await harness.Aws.Iam.GetRolePolicyAsync("ml-training-ec2-role", "AWSRevokeOlderSessions", CancellationToken.None));
        var published = await harness.PublishedAsync();
        Assert.Equal(2, published.Count); // the containment, and the breaker's one announcement with the held incident
        Assert.Contains("remediate release " + heldId, published[1].Text, StringComparison.Ordinal);

        var redelivered = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/credential-exfiltration-outside-aws.json"), Env);
        Assert.Equal(IncidentOutcome.Skipped, redelivered.Outcome); // still within the window: held again, not a duplicate, not announced again
        Assert.Equal(2, (await harness.PublishedAsync()).Count);

        var table = harness.Stack!.LedgerTable;
        var held = await RemediateCli.RunAsync(fixture.RepoRoot, "held", "--endpoint-url", fixture.EndpointUrl, "--table", table);
        Assert.True(held.ExitCode == 0, held.Stderr);
        Assert.Contains(heldId, held.Stdout, StringComparison.Ordinal);

        var release = await RemediateCli.RunAsync(fixture.RepoRoot, "release", heldId, "--endpoint-url", fixture.EndpointUrl, "--table", table,
            "--env", "BREAKER_MAX_TARGETS=1");
        Assert.True(release.ExitCode == 0, release.Stdout + release.Stderr);
        Assert.Contains("remediated", release.Stdout, StringComparison.Ordinal);
        Assert.NotNull(await harness.Aws.Iam.GetRolePolicyAsync("ml-training-ec2-role", "AWSRevokeOlderSessions", CancellationToken.None));
        Assert.Equal(IncidentState.Notified, (await harness.Ledger().GetAsync(heldId, CancellationToken.None))!.State);

        var none = await RemediateCli.RunAsync(fixture.RepoRoot, "release", heldId, "--endpoint-url", fixture.EndpointUrl, "--table", table);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("not held", none.Stderr, StringComparison.Ordinal);
    }
}
