using System.Text;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using static Remediation.IntegrationTests.Functions.RotateKeysHarness;

namespace Remediation.IntegrationTests.Functions;

/// <summary>The new secret goes to Parameter Store and nowhere else (docs/architecture.md §notification: never a secret).</summary>
[Collection("LocalAws")]
public sealed partial class RotateKeysSecretTests : IDisposable
{
    private readonly LocalAwsFixture fixture;
    private readonly FunctionHarness harness;
    private readonly RotateKeysHarness rotate;

    public RotateKeysSecretTests(LocalAwsFixture fixture)
    {
        this.fixture = fixture;
        harness = new FunctionHarness(fixture);
        rotate = new RotateKeysHarness(fixture, harness);
    }

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task The_secret_appears_in_no_output_notification_ledger_item_or_drill_report()
    {
        await harness.ResetAsync();
        var captured = new StringBuilder();
        var secrets = new List<string>();
        // Functions write only to the log writer they are given (FunctionCodeTests: no Console use in functions/),
        // so the invocation's logs and the drill's output are everything they print.

        // 1. A rotation through the handler (its log lines captured by the harness).
        var invocation = await rotate.InvokeAsync(OptedInHealth);
        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        captured.AppendLine(invocation.Logs).AppendLine(invocation.Result.GetRawText());
        secrets.Add((await rotate.ParameterAsync(BotParameter))!.Value.Secret);

        // 2. Its rollback (the new key is retired, the old one back), recorded in the ledger.
        await rotate.Rollback().RollbackAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);

        // 3. A second rotation through the drill, whose --json report and human output are captured.
        using var drillOut = new StringWriter();
        var exit = await DrillCommand.RunAsync(new DrillOptions(harness.EventPath("config/iam-user-unused-credentials-noncompliant.json"), null,
            fixture.EndpointUrl, null, new Dictionary<string, string> { ["REMEDIATION_MODE"] = "enforce" }, false, true), drillOut, default);
        Assert.Equal(0, exit);
        captured.AppendLine(drillOut.ToString());
        using (var report = JsonDocument.Parse(drillOut.ToString()))
        {
            Assert.Contains("RotateKeys", report.RootElement.GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
            var rotated = report.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("function").GetString() == "RotateKeys");
            Assert.Equal("remediated", rotated.GetProperty("outcome").GetString());
        }
        secrets.Add((await rotate.ParameterAsync(BotParameter))!.Value.Secret);

        // The SNS messages exactly as published (every parameter of every Publish request).
        foreach (var publish in (await harness.CallsAsync("sns")).Where(c => c.Operation == "Publish"))
        {
            captured.AppendLine(publish.Parameters.GetRawText());
        }
        // Every ledger item, every attribute.
        var items = await harness.Aws.DynamoDb.ScanAsync(new ScanRequest { TableName = harness.Stack!.LedgerTable });
        Assert.NotEmpty(items.Items);
        foreach (var item in items.Items)
        {
            captured.AppendLine(Document.FromAttributeMap(item).ToJson());
        }

        var parameter = await rotate.ParameterAsync(BotParameter);
        var text = captured.ToString();
        Assert.Contains(parameter!.Value.AccessKeyId, text, StringComparison.Ordinal); // the key id is reported, so the capture is real
        Assert.Equal(2, secrets.Distinct(StringComparer.Ordinal).Count());
        foreach (var secret in secrets)
        {
            Assert.True(secret.Length >= 16, "the emulation returned a secret");
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(JsonSerializer.Serialize(secret).Trim('"'), text, StringComparison.Ordinal); // JSON-escaped '+' and '/'
            foreach (Match run in LongRun().Matches(secret))
            {
                Assert.DoesNotContain(run.Value, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_new_key_never_prints_its_secret()
    {
        var key = new Core.Aws.Iam.NewAccessKey("u", "AKIAEXAMPLE000000001", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        Assert.DoesNotContain("wJalrXUtnFEMI", key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", $"{key}", StringComparison.Ordinal);
    }

    // Runs of 10+ characters without '+' or '/': found even when a writer escapes those two.
    [GeneratedRegex("[A-Za-z0-9]{10,}")]
    private static partial Regex LongRun();
}
