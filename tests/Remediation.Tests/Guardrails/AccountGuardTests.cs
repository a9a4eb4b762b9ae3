using Remediation.Core.Guardrails;

namespace Remediation.Tests.Guardrails;

public sealed class AccountGuardTests
{
    [Fact]
    public async Task A_finding_about_another_account_is_reported_without_asking_the_playbook_or_writing()
    {
        using var bench = new PipelineBench();
        var pipeline = bench.Pipeline(new NeverAskedPlaybook(), [new RecordingHandler("iam:DenyAllUser", bench.Journal)]);
        var finding = TestFindings.GuardDuty() with { AccountId = "210987654321" };

        var result = await bench.RunAsync(pipeline, finding);

        Assert.Empty(bench.Journal);
        Assert.Equal(IncidentOutcome.Skipped, result.Report.Outcome);
        Assert.Contains("account 210987654321, not this stack's account 123456789012", result.Report.Reason, StringComparison.Ordinal);
        Assert.Single(bench.Sns.Published);
    }

    [Fact]
    public void Without_the_stacks_account_nothing_is_changed_and_functions_do_not_start()
    {
        var settings = TestSettings.Enforce(("STACK_ACCOUNT_ID", "")) with { StackAccountId = null };
        Assert.NotNull(AccountGuard.Objection(TestFindings.GuardDuty(), settings));
        Assert.Throws<Core.Configuration.SettingsException>(() => settings.RequireStackAccount());
        Assert.Throws<Core.Configuration.SettingsException>(() => TestSettings.Enforce(("STACK_ACCOUNT_ID", "12345")));
        Assert.Null(AccountGuard.Objection(TestFindings.GuardDuty(), TestSettings.Enforce()));
    }

    private sealed class NeverAskedPlaybook : IPlaybook
    {
        public string FunctionName => "TestFunction";

        public Task<Plan> PlanAsync(Finding finding, CancellationToken ct) =>
            throw new InvalidOperationException("the playbook would read by name in the wrong account");
    }
}
