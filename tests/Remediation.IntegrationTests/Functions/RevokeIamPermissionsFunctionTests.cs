using System.Globalization;
using Remediation.Core.Aws.Iam;

namespace Remediation.IntegrationTests.Functions;

/// <summary>RevokeIamPermissions end to end through its handler against the seeded emulation (issue 4, "Done when").</summary>
[Collection("LocalAws")]
public sealed class RevokeIamPermissionsFunctionTests(LocalAwsFixture fixture) : IDisposable
{
    private const string Function = "RevokeIamPermissions";
    private const string DenyAll = "arn:aws:iam::123456789012:policy/remediation-deny-all";
    private const string Admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static readonly (string, string) Enforce = ("REMEDIATION_MODE", "enforce");
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly string[] Users = ["data-scientist-bob", "intern-sam", "etl-service-user"];
    private static readonly string[] Roles = ["ml-training-ec2-role", "sagemaker-exec", "security-admin"];

    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    private IIam Iam => harness.Aws.Iam;

    private Task<IamSnapshot> SnapshotAsync() => IamSnapshot.TakeAsync(Iam, Users, Roles);

    /// <summary>IAM writes (anything but Get/List) the functions made since the reset.</summary>
    private async Task<IReadOnlyList<string>> IamWritesAsync() =>
        [.. (await harness.CallsAsync("iam"))
            .Where(c => c.Status == 200 && !c.Operation.StartsWith("Get", StringComparison.Ordinal) && !c.Operation.StartsWith("List", StringComparison.Ordinal))
            .Select(c => c.Operation)];

    private async Task<IncidentRecord> RollbackAsync(string incidentId)
    {
        var runner = harness.Rollback();
        var record = await runner.RollbackAsync(incidentId, Ct);
        Assert.Equal(IncidentState.RolledBack, record.State);
        return record;
    }

    private static string IncidentId(Invocation invocation) => invocation.Result.GetProperty("incidentId").GetString()!;

    private static async Task<AccessKeyStatus> KeyStatusAsync(IIam iam, string user, string key) =>
        (await iam.ListAccessKeysAsync(user, Ct)).Single(k => k.AccessKeyId == key).Status;

    private async Task<IReadOnlyList<string>> AttachedAsync(string user) =>
        [.. (await Iam.ListAttachedUserPoliciesAsync(user, Ct)).Select(p => p.PolicyArn)];

    [Fact]
    public async Task User_with_two_keys_loses_exactly_the_named_key_and_gets_the_deny_all_policy_and_rollback_restores_it()
    {
        await harness.ResetAsync();
        var before = await SnapshotAsync();

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(AccessKeyStatus.Inactive, await KeyStatusAsync(Iam, "etl-service-user", "AKIAETLSERVICE000001"));
        Assert.Equal(AccessKeyStatus.Active, await KeyStatusAsync(Iam, "etl-service-user", "AKIAETLSERVICE000002"));
        Assert.Contains(DenyAll, await AttachedAsync("etl-service-user"));
        // Both writes contain the user and are made together (Plan.WritesIndependent): exactly these two, each once.
        Assert.Equal(["AttachUserPolicy", "UpdateAccessKey"], (await IamWritesAsync()).Order(StringComparer.Ordinal));

        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Equal("[HIGH] Contained IAM user etl-service-user (credential access: anomalous behavior)", message.Subject);
        Assert.Contains("AKIAETLSERVICE000001", message.Text, StringComparison.Ordinal);
        Assert.Contains("rollback " + IncidentId(invocation), message.Text, StringComparison.Ordinal);
        Assert.Equal("RevokeIamPermissions", message.Attributes["function"]);
        Assert.Equal("remediated", message.Attributes["outcome"]);

        var record = (await harness.Ledger().GetAsync(IncidentId(invocation), Ct))!;
        Assert.Equal(IncidentState.Notified, record.State);
        Assert.Equal(["iam:DenyAllUser", "iam:UpdateAccessKey"], record.Actions.Select(a => a.Kind));
        Assert.All(record.Actions, a => Assert.NotNull(a.Inverse));
        Assert.Contains("\"Active\"", record.Actions[1].Before, StringComparison.Ordinal);

        await RollbackAsync(IncidentId(invocation));
        Assert.Equal(before.ToString(), (await SnapshotAsync()).ToString());
    }

    [Fact]
    public async Task Deactivate_all_keys_parameter_deactivates_every_key()
    {
        await harness.ResetAsync();
        await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json"), Enforce, ("DEACTIVATE_ALL_KEYS", "true"));
        Assert.Equal(AccessKeyStatus.Inactive, await KeyStatusAsync(Iam, "etl-service-user", "AKIAETLSERVICE000001"));
        Assert.Equal(AccessKeyStatus.Inactive, await KeyStatusAsync(Iam, "etl-service-user", "AKIAETLSERVICE000002"));
    }

    [Fact]
    public async Task Assumed_role_sessions_are_revoked_as_of_now_and_the_role_keeps_its_policies_and_can_be_assumed()
    {
        await harness.ResetAsync();
        var before = await SnapshotAsync();
        var managedBefore = await Iam.ListAttachedRolePoliciesAsync("ml-training-ec2-role", Ct);

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/credential-exfiltration-outside-aws.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(["PutRolePolicy"], await IamWritesAsync());
        var revocation = await Iam.GetRolePolicyAsync("ml-training-ec2-role", "AWSRevokeOlderSessions", Ct);
        Assert.NotNull(revocation);
        using (var doc = JsonDocument.Parse(revocation))
        {
            var statement = doc.RootElement.GetProperty("Statement")[0];
            Assert.Equal("Deny", statement.GetProperty("Effect").GetString());
            var cutoff = DateTimeOffset.Parse(statement.GetProperty("Condition").GetProperty("DateLessThan").GetProperty("aws:TokenIssueTime").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(cutoff, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddSeconds(5));
        }
        Assert.Equal(managedBefore, await Iam.ListAttachedRolePoliciesAsync("ml-training-ec2-role", Ct));
        using (var assumed = await AwsCli.JsonAsync(fixture.EndpointUrl, "sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/ml-training-ec2-role", "--role-session-name", "after-revocation"))
        {
            Assert.StartsWith("ASIA", assumed.RootElement.GetProperty("Credentials").GetProperty("AccessKeyId").GetString(), StringComparison.Ordinal);
        }

        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Equal("[HIGH] Revoked sessions of role ml-training-ec2-role (credential exfiltration)", message.Subject);
        Assert.Contains("i-0abc1234def567890", message.Text, StringComparison.Ordinal);

        await RollbackAsync(IncidentId(invocation));
        Assert.Equal(before.ToString(), (await SnapshotAsync()).ToString());
    }

    [Fact]
    public async Task Principal_exempt_by_tag_gets_no_iam_write()
    {
        await harness.ResetAsync();
        var evt = (await harness.EventTextAsync("guardduty/credential-exfiltration-outside-aws.json"))
            .Replace("ml-training-ec2-role", "security-admin", StringComparison.Ordinal)
            .Replace("AROAQXMLTRAININGEC201", "AROAQXSECURITYADMIN01", StringComparison.Ordinal);

        var invocation = await harness.InvokeAsync(Function, evt, Enforce);

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Empty(await IamWritesAsync());
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Contains("remediation:exempt=true", message.Text, StringComparison.Ordinal);
        var record = (await harness.Ledger().GetAsync(IncidentId(invocation), Ct))!;
        Assert.Contains("remediation:exempt", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Principal_exempt_by_pattern_gets_no_iam_write()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json"),
            Enforce, ("EXEMPT_PRINCIPAL_PATTERNS", "arn:aws:iam::*:user/etl-*"));

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Empty(await IamWritesAsync());
        Assert.Contains("exempt by pattern arn:aws:iam::*:user/etl-*", Assert.Single(await harness.PublishedAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_finding_is_a_dry_run_report_with_no_write()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/sample-finding-credential-exfiltration.json"), Enforce);

        Assert.Equal(IncidentOutcome.DryRun, invocation.Outcome);
        Assert.Empty(await IamWritesAsync());
        var action = Assert.Single(invocation.Result.GetProperty("actions").EnumerateArray());
        Assert.Equal("iam:RevokeOlderSessions", action.GetProperty("kind").GetString());
        Assert.Equal("planned", action.GetProperty("status").GetString());
        Assert.StartsWith("[HIGH] DRY-RUN", Assert.Single(await harness.PublishedAsync()).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denied_cloudtrail_call_is_reported_with_no_write()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-denied.json"), Enforce);

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("AccessDenied", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await IamWritesAsync());
        Assert.Single(await harness.PublishedAsync());
    }

    [Fact]
    public async Task The_same_event_twice_makes_one_set_of_writes()
    {
        await harness.ResetAsync();
        var evt = await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-admin.json");
        var first = await harness.InvokeAsync(Function, evt, Enforce);
        var writes = await IamWritesAsync();
        var second = await harness.InvokeAsync(Function, evt, Enforce);

        Assert.Equal(IncidentOutcome.Remediated, first.Outcome);
        Assert.Equal(3, writes.Count);
        Assert.Equal(writes, await IamWritesAsync());
        Assert.Contains("duplicate", second.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Single(await harness.PublishedAsync());
    }

    [Fact]
    public async Task Escalation_attach_admin_by_non_admin_is_detached_and_the_actor_contained_and_rollback_reverses_both()
    {
        await harness.ResetAsync();
        var before = await SnapshotAsync();

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-admin.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.DoesNotContain(Admin, await AttachedAsync("intern-sam"));
        Assert.Contains(DenyAll, await AttachedAsync("data-scientist-bob"));
        Assert.Equal(AccessKeyStatus.Inactive, await KeyStatusAsync(Iam, "data-scientist-bob", "AKIAQXDATASCIBOB0001"));
        // The escalation is undone first, then the actor is contained.
        Assert.Equal(["DetachUserPolicy", "AttachUserPolicy", "UpdateAccessKey"], await IamWritesAsync());
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Equal("[HIGH] Undid escalation of intern-sam by data-scientist-bob (AttachUserPolicy call)", message.Subject);

        await RollbackAsync(IncidentId(invocation));
        Assert.Contains(Admin, await AttachedAsync("intern-sam"));
        Assert.DoesNotContain(DenyAll, await AttachedAsync("data-scientist-bob"));
        Assert.Equal(before.ToString(), (await SnapshotAsync()).ToString());
    }

    [Fact]
    public async Task A_console_escalation_is_undone_and_the_console_session_contained_without_failing_on_its_temporary_key()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-admin-console.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.DoesNotContain(Admin, await AttachedAsync("intern-sam"));
        Assert.Contains(DenyAll, await AttachedAsync("data-scientist-bob"));
        Assert.Equal(AccessKeyStatus.Active, await KeyStatusAsync(Iam, "data-scientist-bob", "AKIAQXDATASCIBOB0001"));
        Assert.Equal(["DetachUserPolicy", "AttachUserPolicy"], await IamWritesAsync());
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.StartsWith("[HIGH] Undid escalation of intern-sam", message.Subject, StringComparison.Ordinal);
        Assert.Contains("temporary session key", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_actor_key_deleted_since_the_call_is_reported_not_failed()
    {
        await harness.ResetAsync();
        await Iam.DeleteAccessKeyAsync("data-scientist-bob", "AKIAQXDATASCIBOB0001", default);
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-admin.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Contains(DenyAll, await AttachedAsync("data-scientist-bob"));
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.DoesNotContain("FAILED", message.Subject, StringComparison.Ordinal);
        Assert.Contains("has no access key AKIAQXDATASCIBOB0001", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_about_a_deleted_user_is_reported_as_gone_and_nothing_fails()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function,
            (await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json")).Replace("etl-service-user", "deleted-contractor", StringComparison.Ordinal), Enforce);
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Empty(await IamWritesAsync());
        Assert.Contains("IAM user deleted-contractor no longer exists", Assert.Single(await harness.PublishedAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_high_severity_S3_finding_by_an_IAM_user_contains_that_user()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/s3-exfiltration-anomalous.json"), Enforce);
        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Contains(DenyAll, await AttachedAsync("data-scientist-bob"));
        Assert.Equal(AccessKeyStatus.Inactive, await KeyStatusAsync(Iam, "data-scientist-bob", "AKIAQXDATASCIBOB0001"));
    }

    [Fact]
    public async Task Approved_admin_escalation_is_reported_not_undone()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-admin.json"),
            Enforce, ("APPROVED_ADMIN_PATTERNS", "arn:aws:iam::123456789012:user/data-scientist-*"));
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Empty(await IamWritesAsync());
        Assert.Contains("approved administrator", Assert.Single(await harness.PublishedAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_put_role_policy_wildcard_deletes_the_policy_revokes_the_actor_role_and_rollback_restores_the_document()
    {
        await harness.ResetAsync();
        var before = await SnapshotAsync();

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-put-role-policy-wildcard.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Null(await Iam.GetRolePolicyAsync("sagemaker-exec", "debug-full-access", Ct));
        Assert.NotNull(await Iam.GetRolePolicyAsync("ml-training-ec2-role", "AWSRevokeOlderSessions", Ct));
        Assert.Contains("debug-full-access", (await harness.Ledger().GetAsync(IncidentId(invocation), Ct))!.Actions[0].Before, StringComparison.Ordinal);

        await RollbackAsync(IncidentId(invocation));
        Assert.Equal(before.ToString(), (await SnapshotAsync()).ToString());
    }

    [Fact]
    public async Task Escalation_put_user_policy_iam_star_is_deleted_and_rollback_restores_it()
    {
        await harness.ResetAsync();
        var before = await SnapshotAsync();

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-put-user-policy-wildcard.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Null(await Iam.GetUserPolicyAsync("intern-sam", "support-iam-access", Ct));
        Assert.Contains(DenyAll, await AttachedAsync("data-scientist-bob"));

        await RollbackAsync(IncidentId(invocation));
        Assert.Equal(before.ToString(), (await SnapshotAsync()).ToString());
    }

    [Fact]
    public async Task Inline_policy_changed_since_the_event_is_left_alone()
    {
        await harness.ResetAsync();
        await Iam.PutUserPolicyAsync("intern-sam", "support-iam-access",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}""", Ct);
        await fixture.ClearCallsAsync();

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-put-user-policy-wildcard.json"), Enforce);

        Assert.NotNull(await Iam.GetUserPolicyAsync("intern-sam", "support-iam-access", Ct));
        var undo = invocation.Result.GetProperty("actions")[0];
        Assert.Equal("skipped", undo.GetProperty("status").GetString());
        Assert.Contains("changed since the event", undo.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_create_access_key_for_another_user_deactivates_that_key_and_rollback_reactivates_it()
    {
        await harness.ResetAsync();
        var before = await SnapshotAsync();

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-create-access-key-other-user.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(AccessKeyStatus.Inactive, await KeyStatusAsync(Iam, "intern-sam", "AKIAQXINTERNSAM00001"));

        await RollbackAsync(IncidentId(invocation));
        Assert.Equal(before.ToString(), (await SnapshotAsync()).ToString());
    }

    [Fact]
    public async Task Escalation_attach_admin_to_a_group_is_detached_from_that_group_and_rollback_re_attaches_it()
    {
        await harness.ResetAsync();
        await Iam.AttachGroupPolicyAsync("ml-engineers", Admin, Ct);
        await fixture.ClearCallsAsync();
        var evt = (await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-admin.json"))
            .Replace("\"AttachUserPolicy\"", "\"AttachGroupPolicy\"", StringComparison.Ordinal)
            .Replace("\"userName\": \"intern-sam\"", "\"groupName\": \"ml-engineers\"", StringComparison.Ordinal);

        var invocation = await harness.InvokeAsync(Function, evt, Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.DoesNotContain(Admin, (await Iam.ListAttachedGroupPoliciesAsync("ml-engineers", Ct)).Select(p => p.PolicyArn));
        Assert.Contains("arn:aws:iam::aws:policy/AmazonSageMakerReadOnly", (await Iam.ListAttachedGroupPoliciesAsync("ml-engineers", Ct)).Select(p => p.PolicyArn));
        Assert.Contains(Admin, await AttachedAsync("intern-sam"));

        await RollbackAsync(IncidentId(invocation));
        Assert.Contains(Admin, (await Iam.ListAttachedGroupPoliciesAsync("ml-engineers", Ct)).Select(p => p.PolicyArn));
    }

    [Fact]
    public async Task Login_profile_set_for_another_user_is_removed_and_rollback_says_it_cannot_be_restored()
    {
        await harness.ResetAsync();
        var evt = (await harness.EventTextAsync("cloudtrail/iam-create-access-key-other-user.json"))
            .Replace("\"CreateAccessKey\"", "\"UpdateLoginProfile\"", StringComparison.Ordinal);

        var invocation = await harness.InvokeAsync(Function, evt, Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.False(await Iam.HasLoginProfileAsync("intern-sam", Ct));
        var record = await RollbackAsync(IncidentId(invocation));
        var undo = Assert.Single(record.Rollback, r => r.Kind == "iam:DeleteLoginProfile");
        Assert.Equal(ActionStatus.Skipped, undo.Status);
        Assert.Contains("not reversible", undo.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(DenyAll, await AttachedAsync("data-scientist-bob"));
    }

    [Theory]
    [InlineData("cloudtrail/iam-put-user-policy-aws-quarantine.json")]
    [InlineData("cloudtrail/iam-attach-user-policy-aws-quarantine-v2.json")]
    public async Task Aws_own_quarantine_is_reported_and_never_fought(string file)
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync(file), Enforce);
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Empty(await IamWritesAsync());
        Assert.Contains("AWS's own quarantine policy", Assert.Single(await harness.PublishedAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_is_no_escalation_is_a_logged_skip_without_notification()
    {
        await harness.ResetAsync();
        var evt = (await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-admin.json"))
            .Replace("AdministratorAccess", "AmazonS3ReadOnlyAccess", StringComparison.Ordinal);
        var invocation = await harness.InvokeAsync(Function, evt, Enforce);
        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("not on the admin-equivalent list", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await IamWritesAsync());
        Assert.Empty(await harness.PublishedAsync());
        Assert.Empty(await harness.Ledger().ListAsync(Ct));
    }

    [Fact]
    public async Task Injected_throttling_is_retried_to_the_same_result()
    {
        await harness.ResetAsync();
        await fixture.SetFaultsAsync("""
            {"faults":[{"service":"iam","operation":"AttachUserPolicy","error":"Throttling","status":400,"count":2,"message":"Rate exceeded"},
                       {"service":"iam","operation":"UpdateAccessKey","error":"Throttling","status":400,"count":1,"message":"Rate exceeded"}]}
            """);

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal([400, 400, 200], (await harness.CallsAsync("iam")).Where(c => c.Operation == "AttachUserPolicy").Select(c => c.Status));
        Assert.Equal(AccessKeyStatus.Inactive, await KeyStatusAsync(Iam, "etl-service-user", "AKIAETLSERVICE000001"));
        Assert.Equal(AccessKeyStatus.Active, await KeyStatusAsync(Iam, "etl-service-user", "AKIAETLSERVICE000002"));
        Assert.Contains(DenyAll, await AttachedAsync("etl-service-user"));
    }

    [Fact]
    public async Task Managed_policy_limit_falls_back_to_an_inline_deny_all_and_says_so()
    {
        await harness.ResetAsync();
        var before = await SnapshotAsync();
        await fixture.SetFaultsAsync("""
            {"faults":[{"service":"iam","operation":"AttachUserPolicy","error":"LimitExceeded","status":409,"count":1,"message":"Cannot exceed quota for PoliciesPerUser: 10"}]}
            """);

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        // LimitExceeded is a quota, not throttling: exactly one attempt.
        Assert.Single(await harness.CallsAsync("iam"), c => c.Operation == "AttachUserPolicy");
        Assert.DoesNotContain(DenyAll, await AttachedAsync("etl-service-user"));
        var inline = await Iam.GetUserPolicyAsync("etl-service-user", "RemediationDenyAll", Ct);
        Assert.Contains("\"Deny\"", inline, StringComparison.Ordinal);
        var detail = invocation.Result.GetProperty("actions")[0].GetProperty("detail").GetString()!;
        Assert.Contains("inline deny-all policy RemediationDenyAll", detail, StringComparison.Ordinal);
        Assert.Contains("LimitExceeded", detail, StringComparison.Ordinal);

        await RollbackAsync(IncidentId(invocation));
        Assert.Equal(before.ToString(), (await SnapshotAsync()).ToString());
    }

    [Fact]
    public async Task Dry_run_mode_reports_the_exact_calls_and_writes_nothing()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-admin.json"));
        Assert.Equal(IncidentOutcome.DryRun, invocation.Outcome);
        Assert.Empty(await IamWritesAsync());
        Assert.Equal(["iam:DetachUserPolicy", "iam:DenyAllUser", "iam:UpdateAccessKey"],
            invocation.Result.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
    }
}
