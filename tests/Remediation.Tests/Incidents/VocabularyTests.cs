using System.Text.Json;
using Remediation.Core.Incidents;
using Remediation.Core.Ledger;

namespace Remediation.Tests.Incidents;

/// <summary>Outcomes and statuses are enums whose stored and reported form stays the contract's words.</summary>
public class VocabularyTests
{
    public static TheoryData<ActionStatus> Statuses() => [.. Enum.GetValues<ActionStatus>()];

    public static TheoryData<IncidentOutcome> Outcomes() => [.. Enum.GetValues<IncidentOutcome>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_status_is_stored_as_its_word_and_read_back(ActionStatus status)
    {
        var record = new ActionRecord("iam:PutRolePolicy", "arn:aws:iam::123456789012:role/r", "why", new Dictionary<string, string>(), status, "", null, null);
        var json = JsonSerializer.Serialize(record, LedgerJsonContext.Default.ActionRecord);
        Assert.Contains($"\"status\":\"{status.Word()}\"", json, StringComparison.Ordinal);
        Assert.Equal(status, JsonSerializer.Deserialize(json, LedgerJsonContext.Default.ActionRecord)!.Status);
        Assert.Equal($"\"{status.Word()}\"", JsonSerializer.Serialize(status));
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void An_outcome_is_stored_as_its_word_and_read_back(IncidentOutcome outcome)
    {
        Assert.Equal($"\"{outcome.Word()}\"", JsonSerializer.Serialize(outcome));
        Assert.Equal(outcome, JsonSerializer.Deserialize<IncidentOutcome>($"\"{outcome.Word()}\""));
        Assert.Equal(outcome, IncidentOutcomes.FromWord(outcome.Word()));
    }

    [Fact]
    public void The_words_are_the_contract_words_records_written_before_the_enums_hold()
    {
        Assert.Equal(["done", "planned", "skipped", "failed", "started"], Enum.GetValues<ActionStatus>().Select(s => s.Word()));
        Assert.Equal(["remediated", "skipped", "dry-run", "failed"], Enum.GetValues<IncidentOutcome>().Select(o => o.Word()));
        Assert.Null(IncidentOutcomes.FromWord("DryRun"));
        var stored = """{"kind":"k","target":"t","reason":"r","parameters":{},"status":"started","detail":"about to write"}""";
        Assert.Equal(ActionStatus.Started, JsonSerializer.Deserialize(stored, LedgerJsonContext.Default.ActionRecord)!.Status);
    }
}
