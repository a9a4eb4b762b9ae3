using Amazon.DynamoDBv2.Model;

namespace Remediation.IntegrationTests.Cli;

[Collection("LocalAws")]
public sealed class DrillCommandTests(LocalAwsFixture fixture) : IDisposable
{
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    private Task<(int ExitCode, string Stdout, string Stderr)> Drill(params string[] args) =>
        RemediateCli.RunAsync(fixture.RepoRoot, ["drill", .. args]);

    [Fact]
    public async Task Drill_against_a_given_endpoint_creates_the_stack_and_prints_the_report_object()
    {
        await fixture.ResetAsync();
        var (code, stdout, stderr) = await Drill("events/guardduty/recon-maliciousipcaller-user.json",
            "--endpoint-url", fixture.EndpointUrl, "--world", "events/world.json", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal("GuardDuty Finding", root.GetProperty("event").GetProperty("detailType").GetString());
        Assert.Equal("aws.guardduty", root.GetProperty("event").GetProperty("source").GetString());
        Assert.Equal(["Notify"], root.GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
        var result = root.GetProperty("results")[0];
        Assert.Equal("Notify", result.GetProperty("function").GetString());
        Assert.StartsWith("inc-", result.GetProperty("incidentId").GetString(), StringComparison.Ordinal);
        Assert.Equal("skipped", result.GetProperty("outcome").GetString());
        var notification = result.GetProperty("notification");
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:remediation-alerts", notification.GetProperty("topicArn").GetString());
        Assert.Equal("[MEDIUM] Reported IAM user data-scientist-bob (call from a malicious IP)", notification.GetProperty("subject").GetString());

        var table = await harness.Aws.DynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = "remediation-ledger" });
        Assert.Equal("pk", table.Table.KeySchema[0].AttributeName);
        var publish = Assert.Single(await harness.PublishedAsync());
        Assert.Equal(notification.GetProperty("subject").GetString(), publish.Subject);
    }

    [Fact]
    public async Task A_drill_with_a_member_contains_the_user_in_the_member_account_and_not_the_same_named_one_here()
    {
        await fixture.ResetAsync();
        var (code, stdout, stderr) = await Drill("events/guardduty/member-account-finding-on-delegated-admin.json",
            "--endpoint-url", fixture.EndpointUrl, "--world", "events/world.json", "--member", "210987654321",
            "--env", "REMEDIATION_MODE=enforce", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var report = JsonDocument.Parse(stdout);
        var result = report.RootElement.GetProperty("results")[0];
        Assert.Equal("remediated", result.GetProperty("outcome").GetString());
        var changes = report.RootElement.GetProperty("changes").EnumerateArray().ToList();
        Assert.Contains(changes, c => c.GetProperty("operation").GetString() == "UpdateAccessKey"
            && c.GetProperty("summary").GetString()!.StartsWith("[account 210987654321]", StringComparison.Ordinal));
        var central = await harness.Aws.Iam.ListAccessKeysAsync("etl-service-user", default);
        Assert.All(central, k => Assert.Equal(Remediation.Core.Aws.Iam.AccessKeyStatus.Active, k.Status));
    }

    [Fact]
    public async Task A_drill_of_a_mining_finding_isolates_the_instance_and_notify_leaves_it_to_isolate_instance()
    {
        await fixture.ResetAsync();
        var (code, stdout, stderr) = await Drill("events/guardduty/ec2-cryptocurrency-bitcoin-dns.json",
            "--endpoint-url", fixture.EndpointUrl, "--world", "events/world.json", "--env", "REMEDIATION_MODE=enforce", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var report = JsonDocument.Parse(stdout);
        var results = report.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("function").GetString()!);
        Assert.Equal(["IsolateInstance", "Notify"], results.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("remediated", results["IsolateInstance"].GetProperty("outcome").GetString());
        Assert.Equal("skipped", results["Notify"].GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, results["Notify"].GetProperty("incidentId").ValueKind);
        var changes = report.RootElement.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(2, changes.Count(c => c.GetProperty("operation").GetString() == "ModifyNetworkInterfaceAttribute"));
        Assert.Contains(changes, c => c.GetProperty("operation").GetString() == "CreateSnapshot");
    }

    [Fact]
    public async Task The_same_drill_twice_publishes_one_message_and_the_ledger_shows_one_incident()
    {
        await fixture.ResetAsync();
        var args = new[] { "events/config/kms-rotation-disabled-noncompliant.json", "--endpoint-url", fixture.EndpointUrl, "--json" };
        var first = await Drill(args);
        var second = await Drill(args);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        using var again = JsonDocument.Parse(second.Stdout);
        // Notify disregards the key rule (RotateKeys reports it); RotateKeys sees the second drill as a duplicate.
        var rotate = again.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("function").GetString() == "RotateKeys");
        Assert.Contains("duplicate", rotate.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Single(await fixture.CallsAsync(), c => c.Operation == "Publish");
        var incidents = await RemediateCli.RunAsync(fixture.RepoRoot, "incidents", "--endpoint-url", fixture.EndpointUrl);
        Assert.Equal(0, incidents.ExitCode);
        Assert.Single(incidents.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("inc-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_function_exits_1_and_shows_why()
    {
        await fixture.ResetAsync();
        var (code, stdout, _) = await Drill("events/guardduty/recon-maliciousipcaller-user.json", "--endpoint-url", fixture.EndpointUrl, "--env", "MIN_SEVERITY=eleven");
        Assert.Equal(1, code);
        Assert.Contains("Notify: failed", stdout, StringComparison.Ordinal);
        Assert.Contains("MIN_SEVERITY", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("events/does-not-exist.json")]
    [InlineData("README.md")]
    [InlineData("events/guardduty/recon-maliciousipcaller-user.json", "--function", "NoSuchFunction")]
    [InlineData("events/guardduty/recon-maliciousipcaller-user.json", "--env", "NOEQUALS")]
    [InlineData("events/guardduty/recon-maliciousipcaller-user.json", "--bogus")]
    public async Task Bad_input_or_usage_exits_2_with_a_message(params string[] args)
    {
        var (code, _, stderr) = await Drill([.. args, "--endpoint-url", fixture.EndpointUrl]);
        Assert.Equal(2, code);
        Assert.StartsWith("remediate: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_drill_runs_offline_against_the_embedded_emulation()
    {
        var (code, stdout, stderr) = await Drill("events/guardduty/recon-maliciousipcaller-user.json");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("Routes  Notify", stdout, StringComparison.Ordinal);
        Assert.Contains("notified  [MEDIUM] Reported IAM user data-scientist-bob", stdout, StringComparison.Ordinal);
        Assert.Contains("sns Publish -> 200", stdout, StringComparison.Ordinal);
        Assert.Contains("WHAT WAS DONE", stdout, StringComparison.Ordinal);
    }
}
