using Remediation.Core.Accounts;
using Remediation.Core.Configuration;
using Remediation.Core.Guardrails;

namespace Remediation.Tests.Guardrails;

/// <summary>Issue 14: which accounts are acted in, how, and which never; the member workspace is the only place a member's writes go.</summary>
public sealed class MemberAccountTests
{
    private const string Member = "210987654321";
    private const string Outsider = "333333333333";

    /// <summary>The test finding as its member account's: the account and the principal's.</summary>
    private static Finding MemberFinding()
    {
        var finding = TestFindings.GuardDuty();
        return finding with
        {
            AccountId = Member,
            Principal = finding.Principal! with { AccountId = Member, Arn = finding.Principal.Arn?.Replace("123456789012", Member, StringComparison.Ordinal) },
        };
    }

    private static RemediationSettings With(params (string, string)[] env) => TestSettings.Enforce(env);

    [Fact]
    public void Only_the_stacks_own_account_and_configured_members_may_be_acted_in()
    {
        var listed = With(("MEMBER_ACCOUNTS", Member));
        Assert.Null(AccountGuard.Objection(TestFindings.GuardDuty(), listed));
        Assert.Null(AccountGuard.Objection(TestFindings.GuardDuty() with { AccountId = Member }, listed));
        Assert.Contains("neither this stack's account 123456789012 nor a configured member",
            AccountGuard.Objection(TestFindings.GuardDuty() with { AccountId = Outsider }, listed), StringComparison.Ordinal);

        var organization = With(("MEMBER_ACCOUNTS", "*"));
        Assert.Null(AccountGuard.Objection(TestFindings.GuardDuty() with { AccountId = Outsider }, organization));
        Assert.Contains("names no valid account", AccountGuard.Objection(TestFindings.GuardDuty() with { AccountId = "../../etc" }, organization), StringComparison.Ordinal);
        Assert.Contains("names no valid account", AccountGuard.Objection(TestFindings.GuardDuty() with { AccountId = "" }, organization), StringComparison.Ordinal);
    }

    [Fact]
    public void An_exempt_account_is_never_read_or_written_even_the_stacks_own()
    {
        var settings = With(("MEMBER_ACCOUNTS", Member), ("EXEMPT_ACCOUNTS", $"{Member},123456789012"));
        Assert.Contains($"account {Member} is exempt (EXEMPT_ACCOUNTS)",
            AccountGuard.Objection(TestFindings.GuardDuty() with { AccountId = Member }, settings), StringComparison.Ordinal);
        Assert.Contains("is exempt", AccountGuard.Objection(TestFindings.GuardDuty(), settings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MEMBER_ACCOUNTS", "*,210987654321", "either * or a list")]
    [InlineData("MEMBER_ACCOUNTS", "21098765432", "'21098765432' is not one")]
    [InlineData("DRY_RUN_ACCOUNTS", "abc", "DRY_RUN_ACCOUNTS")]
    [InlineData("EXEMPT_ACCOUNTS", "1234567890123", "EXEMPT_ACCOUNTS")]
    [InlineData("MEMBER_ROLE_NAME", "role/with/path", "MEMBER_ROLE_NAME")]
    public void Bad_account_settings_stop_start_up_naming_the_variable(string variable, string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => With((variable, value)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_member_role_and_the_session_name_follow_the_member_stack_and_STS_rules()
    {
        var settings = With(("MEMBER_ACCOUNTS", Member), ("MEMBER_ROLE_NAME", "SecurityResponder"));
        Assert.Equal($"arn:aws:iam::{Member}:role/remediation/SecurityResponder", settings.Accounts.MemberRoleArn(Member));
        var name = MemberSessions.SessionName("QuarantineS3Object", "inc-0123456789abcdef0123");
        Assert.Equal("QuarantineS3Object-inc-0123456789abcdef0123", name);
        Assert.InRange(MemberSessions.SessionName(new string('x', 80), "inc-1").Length, 2, 64);
        Assert.Matches("^[A-Za-z0-9_+=,.@-]+$", MemberSessions.SessionName("a b/c", "inc:1"));
    }

    [Fact]
    public async Task A_members_incident_is_planned_and_written_only_through_the_members_workspace()
    {
        using var bench = new PipelineBench();
        var action = PlannedAction.Create("iam:DenyAllUser", $"arn:aws:iam::{Member}:user/alice", "contain");
        var own = new RecordingHandler("iam:DenyAllUser", bench.Journal);
        var memberJournal = new List<string>();
        var members = new FakeMembers(new AccountWorkspace(new AccountAccess(Member, $"arn:aws:iam::{Member}:role/remediation/RemediationMemberRole", "s"),
            new FixedPlaybook(action), [new RecordingHandler("iam:DenyAllUser", memberJournal)], new FakeTags()));
        var pipeline = bench.Pipeline(new ThrowingPlaybook(), [own], settings: With(("MEMBER_ACCOUNTS", Member)), members: members);

        var result = await bench.RunAsync(pipeline, MemberFinding());

        Assert.Equal(IncidentOutcome.Remediated, result.Report.Outcome);
        Assert.Empty(bench.Journal);
        Assert.Equal([$"iam:DenyAllUser arn:aws:iam::{Member}:user/alice"], memberJournal);
        Assert.Equal([Member], members.Opened);
        var record = await bench.Store.GetAsync(result.Report.IncidentId, default);
        Assert.Equal($"arn:aws:iam::{Member}:role/remediation/RemediationMemberRole", record!.MemberRoleArn);
        Assert.Contains($"Member account {Member}: every read and write went through role", bench.Sns.Published.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workspace_for_another_account_than_the_events_is_refused_and_nothing_is_written()
    {
        using var bench = new PipelineBench();
        var journal = new List<string>();
        var wrong = new FakeMembers(new AccountWorkspace(new AccountAccess(Outsider, "arn:aws:iam::333333333333:role/remediation/RemediationMemberRole", "s"),
            new FixedPlaybook(PlannedAction.Create("iam:DenyAllUser", "arn:aws:iam::333333333333:user/alice", "contain")),
            [new RecordingHandler("iam:DenyAllUser", journal)], new FakeTags()));
        var pipeline = bench.Pipeline(new ThrowingPlaybook(), [], settings: With(("MEMBER_ACCOUNTS", Member)), members: wrong);

        await Assert.ThrowsAsync<InvalidOperationException>(() => bench.RunAsync(pipeline, TestFindings.GuardDuty() with { AccountId = Member }));
        Assert.Empty(journal);
    }

    [Fact]
    public async Task A_member_in_DRY_RUN_ACCOUNTS_plans_and_writes_nothing()
    {
        using var bench = new PipelineBench();
        var journal = new List<string>();
        var members = new FakeMembers(new AccountWorkspace(new AccountAccess(Member, "arn:aws:iam::210987654321:role/remediation/RemediationMemberRole", "s"),
            new FixedPlaybook(PlannedAction.Create("iam:DenyAllUser", "arn:aws:iam::210987654321:user/alice", "contain")),
            [new RecordingHandler("iam:DenyAllUser", journal)], new FakeTags()));
        var pipeline = bench.Pipeline(new ThrowingPlaybook(), [], settings: With(("MEMBER_ACCOUNTS", Member), ("DRY_RUN_ACCOUNTS", Member)), members: members);

        var result = await bench.RunAsync(pipeline, MemberFinding());

        Assert.Equal(IncidentOutcome.DryRun, result.Report.Outcome);
        Assert.Contains("DRY_RUN_ACCOUNTS", result.Report.Reason, StringComparison.Ordinal);
        Assert.Empty(journal);
    }

    private sealed class FakeMembers(AccountWorkspace workspace) : IMemberWorkspaces
    {
        public List<string> Opened { get; } = [];

        public Task<AccountWorkspace> OpenAsync(string account, string incidentId, CancellationToken ct)
        {
            Opened.Add(account);
            return Task.FromResult(workspace);
        }
    }

    private sealed class ThrowingPlaybook : IPlaybook
    {
        public string FunctionName => "TestFunction";

        public Task<Plan> PlanAsync(Finding finding, CancellationToken ct) =>
            throw new InvalidOperationException("the stack's own playbook must not plan a member's incident");
    }
}
