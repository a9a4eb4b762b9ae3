namespace Remediation.IntegrationTests.Functions;

[Collection("LocalAws")]
public sealed class NotifyFunctionTests(LocalAwsFixture fixture) : IDisposable
{
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Reconnaissance_finding_publishes_one_readable_message_and_records_the_incident()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync("Notify", await harness.EventTextAsync("guardduty/recon-maliciousipcaller-user.json"));

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Equal("[MEDIUM] Reported IAM user data-scientist-bob (call from a malicious IP)", message.Subject);
        Assert.Equal("json", message.Structure);
        Assert.Contains("Recon:IAMUser/MaliciousIPCaller.Custom, severity 5 (MEDIUM)", message.Text, StringComparison.Ordinal);
        Assert.Equal("AKIAQXDATASCIBOB0001", message.Machine.GetProperty("finding").GetProperty("principal").GetProperty("accessKeyId").GetString());
        Assert.Equal("MEDIUM", message.Attributes["severity"]);
        Assert.Equal("Notify", message.Attributes["function"]);
        Assert.Equal("skipped", message.Attributes["outcome"]);
        Assert.Equal("123456789012", message.Attributes["account"]);

        var incidentId = invocation.Result.GetProperty("incidentId").GetString()!;
        var record = await harness.Ledger().GetAsync(incidentId, default);
        Assert.Equal(IncidentState.Notified, record!.State);
        Assert.Equal(invocation.Result.GetProperty("notification").GetProperty("messageId").GetString(), record.MessageId);
        Assert.True(record.ExpiresAt > DateTimeOffset.UtcNow.AddDays(80).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Nothing_but_the_ledger_and_the_topic_is_written()
    {
        await harness.ResetAsync();
        await harness.InvokeAsync("Notify", await harness.EventTextAsync("config/s3-bucket-sse-noncompliant.json"));
        var writes = (await harness.CallsAsync()).Where(c => !c.Operation.StartsWith("Get", StringComparison.Ordinal)).Select(c => c.Service + ":" + c.Operation).Distinct();
        Assert.Equal(["dynamodb:PutItem", "sns:Publish"], writes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("config/access-keys-rotated-noncompliant.json", "RotateKeys")]
    [InlineData("config/sagemaker-notebook-direct-internet-noncompliant.json", "StopTrainingJob")]
    public async Task A_config_rule_another_function_acts_on_is_disregarded_without_a_record(string eventFile, string owner)
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync("Notify", await harness.EventTextAsync(eventFile));
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("reported by " + owner, invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await harness.CallsAsync());
    }

    [Fact]
    public async Task The_same_event_twice_publishes_one_message_and_one_incident()
    {
        await harness.ResetAsync();
        var evt = await harness.EventTextAsync("guardduty/malware-object-scan-no-threats.json");
        var first = await harness.InvokeAsync("Notify", evt);
        var second = await harness.InvokeAsync("Notify", evt);
        Assert.Single(await harness.PublishedAsync());
        Assert.Contains("duplicate", second.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(first.Result.GetProperty("incidentId").GetString(), second.Result.GetProperty("incidentId").GetString());
        Assert.Single(await harness.Ledger().ListAsync(default));
    }

    [Fact]
    public async Task Republished_finding_with_a_new_count_is_not_sent_again()
    {
        await harness.ResetAsync();
        var evt = await harness.EventTextAsync("guardduty/recon-maliciousipcaller-user.json");
        var republished = evt.Replace("\"count\": 1", "\"count\": 7", StringComparison.Ordinal);
        Assert.NotEqual(evt, republished);
        await harness.InvokeAsync("Notify", evt);
        await harness.InvokeAsync("Notify", republished);
        Assert.Single(await harness.PublishedAsync());
    }

    [Fact]
    public async Task Sns_throttling_is_retried_and_one_message_results()
    {
        await harness.ResetAsync();
        await fixture.SetFaultsAsync("""{"faults":[{"service":"sns","operation":"Publish","error":"Throttled","status":429,"count":2}]}""");
        var invocation = await harness.InvokeAsync("Notify", await harness.EventTextAsync("guardduty/recon-maliciousipcaller-user.json"));
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        var publishes = (await harness.CallsAsync("sns")).Where(c => c.Operation == "Publish").Select(c => c.Status).ToList();
        Assert.Equal([429, 429, 200], publishes);
    }

    [Fact]
    public async Task Publish_failure_fails_the_invocation_and_the_retry_notifies_once()
    {
        await harness.ResetAsync();
        await fixture.SetFaultsAsync("""{"faults":[{"service":"sns","operation":"Publish","error":"InternalError","status":500,"count":5}]}""");
        var evt = await harness.EventTextAsync("guardduty/recon-maliciousipcaller-user.json");
        var failed = await harness.InvokeAsync("Notify", evt);
        Assert.Equal(IncidentOutcome.Failed, failed.Outcome);
        Assert.Contains("InternalError", failed.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await fixture.ClearFaultsAsync();
        var retried = await harness.InvokeAsync("Notify", evt);
        Assert.Equal(IncidentOutcome.Skipped, retried.Outcome);
        Assert.Single(await harness.PublishedAsync());
        var record = Assert.Single(await harness.Ledger().ListAsync(default));
        Assert.Equal(IncidentState.Notified, record.State);
        Assert.Equal(2, record.Attempt);
    }

    [Theory]
    [InlineData("{ not json", "malformed-json")]
    [InlineData("""{"version":"0","id":"x","detail-type":"GuardDuty Finding","source":"aws.guardduty","account":"123456789012","time":"2025-01-01T00:00:00Z","region":"us-east-1","resources":[]}""", "missing-field")]
    public async Task Invalid_events_fail_with_a_named_error_and_publish_nothing(string evt, string code)
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync("Notify", evt);
        Assert.Equal(IncidentOutcome.Failed, invocation.Outcome);
        Assert.Contains(code, invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await harness.PublishedAsync());
        Assert.Contains("\"level\":\"ERROR\"", invocation.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_detail_type_is_a_logged_skip()
    {
        await harness.ResetAsync();
        var evt = """{"version":"0","id":"x","detail-type":"GuardDuty Runtime Protection Healthy","source":"aws.guardduty","account":"123456789012","time":"2025-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{}}""";
        var invocation = await harness.InvokeAsync("Notify", evt);
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Empty(await harness.PublishedAsync());
        using var line = JsonDocument.Parse(invocation.Logs.Split('\n')[0]);
        Assert.Equal("WARN", line.RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Missing_configuration_names_the_variable()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync("Notify", await harness.EventTextAsync("guardduty/recon-maliciousipcaller-user.json"), ("TOPIC_ARN", ""));
        Assert.Equal(IncidentOutcome.Failed, invocation.Outcome);
        Assert.Contains("TOPIC_ARN", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
