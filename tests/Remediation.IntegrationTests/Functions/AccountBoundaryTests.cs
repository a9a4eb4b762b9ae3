namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// A GuardDuty delegated administrator receives its members' findings; the administrator's user of the same name must
/// not be touched, and the message must say which account the finding is about.
/// </summary>
[Collection("LocalAws")]
public sealed class AccountBoundaryTests(LocalAwsFixture fixture) : IDisposable
{
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("RevokeIamPermissions")]
    [InlineData("StopTrainingJob")]
    [InlineData("Notify")]
    public async Task A_member_accounts_finding_is_reported_and_nothing_in_this_account_is_read_or_written(string function)
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(function, await harness.EventTextAsync("guardduty/member-account-finding-on-delegated-admin.json"),
            ("REMEDIATION_MODE", "enforce"));

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("account 210987654321, not this stack's account 123456789012", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var touched = (await harness.CallsAsync()).Select(c => c.Service).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["dynamodb", "sns"], touched);
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Equal("210987654321", message.Attributes["account"]);
        Assert.Contains("210987654321", message.Text, StringComparison.Ordinal);
    }
}
