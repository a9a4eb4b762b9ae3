using Amazon.S3.Model;
using Remediation.Core.Accounts;
using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Ledger;
using Remediation.IntegrationTests.Functions;
using Remediation.Tool.Routing;
using Remediation.Tool.Template;

namespace Remediation.IntegrationTests.Organization;

/// <summary>
/// Issue 14: the central stack contains incidents in a configured member account, through the member role
/// member-template.yaml creates, and nowhere else. Events are the repository's samples moved to the member account
/// (<see cref="Organization.EventAbout"/>).
/// </summary>
[Collection("LocalAws")]
public sealed class OrganizationModeTests(LocalAwsFixture fixture) : IDisposable
{
    private const string User = "etl-service-user";
    private const string Key = "AKIAETLSERVICE000001";
    private readonly FunctionHarness harness = new(fixture);
    private static readonly string[] StoppingOrStopped = ["Stopping", "Stopped"];
    private Organization Org => new(fixture, harness);

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task A_members_credential_finding_contains_the_user_in_the_member_account_only_and_rollback_restores_it()
    {
        var org = Org;
        await org.ResetAsync();
        await org.CliInAsync(Organization.Member, "iam", "create-account-alias", "--account-alias", "ml-prod");
        var before = await StatesAsync(org);
        await fixture.ClearCallsAsync();

        var invocation = await harness.InvokeAsync("RevokeIamPermissions",
            await harness.EventTextAsync("guardduty/member-account-finding-on-delegated-admin.json"), Organization.Env());
        var calls = await harness.CallsAsync();

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        var member = await StateAsync(org, Organization.Member);
        Assert.Equal(AccessKeyStatus.Inactive, member.KeyStatus);
        Assert.Contains(MemberStackNames.DenyAllPolicyArn(Organization.Member), member.Attached);
        var after = await StatesAsync(org);
        Assert.Equal(before[Organization.Central], after[Organization.Central]);
        Assert.Equal(before[Organization.Outsider], after[Organization.Outsider]);

        var assume = Assert.Single(calls, c => c.Operation == "AssumeRole" && c.Parameters.GetProperty("RoleSessionName").GetString() != "test-observer");
        Assert.Equal(Organization.Central, assume.Account);
        Assert.Equal($"arn:aws:iam::{Organization.Member}:role/remediation/RemediationMemberRole", assume.Parameters.GetProperty("RoleArn").GetString());
        Assert.StartsWith("RevokeIamPermissions-inc-", assume.Parameters.GetProperty("RoleSessionName").GetString(), StringComparison.Ordinal);
        Assert.All(calls.Where(c => c.Service == "iam"), c => Assert.Equal(Organization.Member, c.Account));
        Assert.All(calls.Where(c => c.Service is "dynamodb" or "sns"), c => Assert.Equal(Organization.Central, c.Account));
        Assert.Empty(await MemberPermissionProof.RefusedAsync(harness, org, "RevokeIamPermissions", calls));
        // Issue 13.1's count in a member: the central path's 8 calls (CriticalPathTests) and the AssumeRole of a cold session
        // before the first of the two writes made together.
        var containing = calls.ToList().FindIndex(c => c.Operation is "AttachUserPolicy" or "UpdateAccessKey");
        Assert.InRange(containing, 0, 9);

        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Equal(Organization.Member, message.Attributes["account"]);
        Assert.Contains($"Member account {Organization.Member} (ml-prod): every read and write went through role arn:aws:iam::{Organization.Member}:role/remediation/RemediationMemberRole", message.Text, StringComparison.Ordinal);
        var incidentId = invocation.Result.GetProperty("incidentId").GetString()!;
        var record = (await harness.Ledger().GetAsync(incidentId, default))!;
        Assert.Equal($"arn:aws:iam::{Organization.Member}:role/remediation/RemediationMemberRole", record.MemberRoleArn);

        await fixture.ClearCallsAsync();
        var rolledBack = await harness.Rollback().RollbackAsync(incidentId, default);
        var rollbackCalls = await harness.CallsAsync();
        Assert.Equal(IncidentState.RolledBack, rolledBack.State);
        Assert.Equal(before, await StatesAsync(org));
        Assert.All(rollbackCalls.Where(c => c.Service == "iam"), c => Assert.Equal(Organization.Member, c.Account));
        Assert.Contains(rollbackCalls, c => c.Operation == "AssumeRole" && c.Parameters.GetProperty("RoleArn").GetString() == record.MemberRoleArn);
    }

    [Fact]
    public async Task A_member_in_DRY_RUN_ACCOUNTS_is_a_dry_run_and_an_account_that_is_neither_is_only_reported()
    {
        var org = Org;
        await org.ResetAsync();
        var before = await StatesAsync(org);
        var finding = await harness.EventTextAsync("guardduty/member-account-finding-on-delegated-admin.json");

        var dryRun = await harness.InvokeAsync("RevokeIamPermissions", finding, Organization.Env(("DRY_RUN_ACCOUNTS", Organization.Member)));
        Assert.Equal(IncidentOutcome.DryRun, dryRun.Outcome);
        Assert.Contains("DRY_RUN_ACCOUNTS", dryRun.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);

        await fixture.ClearCallsAsync();
        var outsider = await harness.InvokeAsync("RevokeIamPermissions", Organization.EventAbout(
            await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json"), Organization.Outsider, forwardedByMember: false), Organization.Env());
        Assert.Equal(IncidentOutcome.Skipped, outsider.Outcome);
        Assert.Contains($"account {Organization.Outsider}, which is neither this stack's account {Organization.Central} nor a configured member",
            outsider.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(["dynamodb", "sns"], (await harness.CallsAsync()).Select(c => c.Service).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(before, await StatesAsync(org));
    }

    [Fact]
    public async Task A_member_CloudTrail_escalation_forwarded_to_the_central_bus_is_undone_in_the_member_account()
    {
        var org = Org;
        await org.ResetAsync();
        var memberIam = (await org.ClientsInAsync(Organization.Member)).Iam;
        await memberIam.AttachUserPolicyAsync("intern-sam", "arn:aws:iam::aws:policy/AdministratorAccess", default);
        var escalation = Organization.EventAbout(await harness.EventTextAsync("cloudtrail/iam-attach-user-policy-admin.json"), Organization.Member, forwardedByMember: true);
        await fixture.ClearCallsAsync();

        // The member stack's forwarding rule carries it to the central bus, where the function's own rule takes it.
        var memberTemplate = YamlToJson.Load(await File.ReadAllTextAsync(Path.Combine(fixture.RepoRoot, MemberTemplate.FileName)));
        var forward = memberTemplate["Resources"]!["ForwardIamAWSAPICallViaCloudTrail"]!["Properties"]!["EventPattern"]!.ToJsonString();
        using var forwarded = JsonDocument.Parse(escalation);
        Assert.True(EventPattern.Parse(forward).Matches(forwarded.RootElement));
        var central = SamTemplate.Load(Path.Combine(fixture.RepoRoot, "template.yaml"));
        Assert.Contains(central.Functions.Single(f => f.Name == "RevokeIamPermissions").Rules,
            r => EventPattern.Parse(r.PatternJson).Matches(forwarded.RootElement));

        var invocation = await harness.InvokeAsync("RevokeIamPermissions", escalation, Organization.Env());
        var calls = await harness.CallsAsync();

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.DoesNotContain((await memberIam.ListAttachedUserPoliciesAsync("intern-sam", default)), p => p.PolicyName == "AdministratorAccess");
        Assert.Contains(MemberStackNames.DenyAllPolicyArn(Organization.Member),
            (await memberIam.ListAttachedUserPoliciesAsync("data-scientist-bob", default)).Select(p => p.PolicyArn));
        Assert.DoesNotContain(await harness.Aws.Iam.ListAttachedUserPoliciesAsync("data-scientist-bob", default),
            p => p.PolicyName.Contains("deny-all", StringComparison.OrdinalIgnoreCase));
        Assert.All(calls.Where(c => c.Service == "iam"), c => Assert.Equal(Organization.Member, c.Account));
        Assert.Empty(await MemberPermissionProof.RefusedAsync(harness, org, "RevokeIamPermissions", calls));
    }

    [Fact]
    public async Task A_role_sweep_stops_the_members_jobs_and_leaves_the_same_named_jobs_elsewhere_running()
    {
        var org = Org;
        await org.ResetAsync();
        var finding = Organization.EventAbout(await harness.EventTextAsync("guardduty/sagemaker-exec-role-anomalous-exfiltration.json"),
            Organization.Member, forwardedByMember: false);

        var invocation = await harness.InvokeAsync("StopTrainingJob", finding, Organization.Env());
        Assert.Empty(await MemberPermissionProof.RefusedAsync(harness, org, "StopTrainingJob", await harness.CallsAsync()));

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        var member = (await org.ClientsInAsync(Organization.Member)).SageMaker;
        Assert.Contains((await member.DescribeTrainingJobAsync("churn-model-2025", default)).Status, StoppingOrStopped);
        foreach (var account in new[] { Organization.Central, Organization.Outsider })
        {
            var elsewhere = (await org.ClientsInAsync(account)).SageMaker;
            Assert.Equal("InProgress", (await elsewhere.DescribeTrainingJobAsync("churn-model-2025", default)).Status);
        }
        var stops = (await harness.CallsAsync()).Where(c => c.Operation.StartsWith("Stop", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stops);
        Assert.All(stops, c => Assert.Equal(Organization.Member, c.Account));
    }

    [Fact]
    public async Task Malware_in_a_members_bucket_is_quarantined_in_the_members_own_quarantine_bucket()
    {
        var org = Org;
        await org.ResetAsync();
        var scan = Organization.EventAbout(await harness.EventTextAsync("guardduty/malware-object-scan-threats-found.json"),
            Organization.Member, forwardedByMember: true);

        var invocation = await harness.InvokeAsync("QuarantineS3Object", scan, Organization.Env(("QUARANTINE_STOP_JOBS", "false")));
        var calls = await harness.CallsAsync();

        Assert.True(invocation.Outcome == IncidentOutcome.Remediated, invocation.Result.ToString() + invocation.Logs);
        var s3 = (await org.ClientsInAsync(Organization.Member)).S3;
        var evidence = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = MemberStackNames.QuarantineBucket(Organization.Member, "us-east-1") });
        Assert.NotEmpty(evidence.Versions ?? []);
        var source = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = Organization.Bucket(Organization.Member), Prefix = "uploads/pretrained-resnet50.pkl" });
        Assert.DoesNotContain(source.Versions ?? [], v => v.VersionId == "Xk7pQ2mZr9LsT4vB8nW1yHc3dF6gJ0aE");
        var central = await harness.Aws.S3.ListVersionsAsync(new ListVersionsRequest { BucketName = Organization.Bucket(Organization.Central), Prefix = "uploads/pretrained-resnet50.pkl" });
        Assert.Contains(central.Versions ?? [], v => v.VersionId == "Xk7pQ2mZr9LsT4vB8nW1yHc3dF6gJ0aE");
        Assert.All(calls.Where(c => c.Service == "s3"), c => Assert.Equal(Organization.Member, c.Account));
        Assert.Empty(await MemberPermissionProof.RefusedAsync(harness, org, "QuarantineS3Object", calls));
    }

    [Fact]
    public async Task A_refused_member_role_fails_the_incident_with_the_account_and_role_named_and_writes_nothing()
    {
        var org = Org;
        await org.ResetAsync();
        var before = await StatesAsync(org);
        await fixture.SetFaultsAsync("""{"faults":[{"service":"sts","operation":"AssumeRole","error":"AccessDenied","status":403,"count":10}]}""");

        var invocation = await harness.InvokeAsync("RevokeIamPermissions",
            await harness.EventTextAsync("guardduty/member-account-finding-on-delegated-admin.json"), Organization.Env());

        await fixture.ClearFaultsAsync();
        Assert.Equal(IncidentOutcome.Failed, invocation.Outcome);
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Contains("FAILED", message.Subject, StringComparison.Ordinal);
        Assert.Contains($"cannot act in account {Organization.Member}: sts:AssumeRole of arn:aws:iam::{Organization.Member}:role/remediation/RemediationMemberRole was refused (AccessDenied",
            message.Text, StringComparison.Ordinal);
        Assert.Equal(before, await StatesAsync(org));
    }

    [Fact]
    public async Task A_throttled_AssumeRole_is_retried_and_one_that_stays_throttled_fails_for_Lambdas_retry_not_as_refused()
    {
        var org = Org;
        await org.ResetAsync();
        var finding = await harness.EventTextAsync("guardduty/member-account-finding-on-delegated-admin.json");

        await fixture.SetFaultsAsync("""{"faults":[{"service":"sts","operation":"AssumeRole","error":"Throttling","status":400,"count":2}]}""");
        var retried = await harness.InvokeAsync("RevokeIamPermissions", finding, Organization.Env());
        Assert.Equal(IncidentOutcome.Remediated, retried.Outcome);

        await org.ResetAsync();
        await fixture.SetFaultsAsync("""{"faults":[{"service":"sts","operation":"AssumeRole","error":"Throttling","status":400,"count":20}]}""");
        var throttled = await harness.InvokeAsync("RevokeIamPermissions", finding, Organization.Env());
        await fixture.ClearFaultsAsync();
        Assert.Equal(IncidentOutcome.Failed, throttled.Outcome);
        Assert.Contains("Lambda will retry", throttled.Logs, StringComparison.Ordinal);
        Assert.DoesNotContain("was refused", throttled.Logs, StringComparison.Ordinal);
        Assert.Empty(await harness.PublishedAsync());
    }

    [Fact]
    public async Task Each_account_has_its_own_breaker_budget()
    {
        var org = Org;
        await org.ResetAsync();
        var env = Organization.Env(("BREAKER_MAX_TARGETS", "1"));

        var central = await harness.InvokeAsync("RevokeIamPermissions", await harness.EventTextAsync("guardduty/anomalous-behavior-iam-user.json"), env);
        var member = await harness.InvokeAsync("RevokeIamPermissions", await harness.EventTextAsync("guardduty/member-account-finding-on-delegated-admin.json"), env);
        var secondMember = await harness.InvokeAsync("RevokeIamPermissions", Organization.EventAbout(
            await harness.EventTextAsync("guardduty/credential-exfiltration-outside-aws.json"), Organization.Member, forwardedByMember: false), env);

        Assert.Equal(IncidentOutcome.Remediated, central.Outcome);
        Assert.Equal(IncidentOutcome.Remediated, member.Outcome);
        Assert.Equal(IncidentOutcome.Skipped, secondMember.Outcome);
        Assert.Contains("Held in this window", secondMember.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_session_serves_later_incidents_until_one_timeout_before_it_expires()
    {
        await fixture.ResetAsync();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var accounts = TestAccounts();
        var sessions = new MemberSessions(harness.Aws, accounts, time, TimeSpan.FromSeconds(60 + 60));

        var first = await sessions.OpenAsync(Organization.Member, "RevokeIamPermissions", "inc-first", default);
        time.Advance(TimeSpan.FromMinutes(50));
        var reused = await sessions.OpenAsync(Organization.Member, "RevokeIamPermissions", "inc-second", default);
        time.Advance(TimeSpan.FromMinutes(9));
        var renewed = await sessions.OpenAsync(Organization.Member, "RevokeIamPermissions", "inc-third", default);

        Assert.Same(first, reused);
        Assert.NotSame(first, renewed);
        Assert.Equal("RevokeIamPermissions-inc-third", renewed.SessionName);
        Assert.Equal(2, (await harness.CallsAsync()).Count(c => c.Operation == "AssumeRole"));
        var identity = await renewed.Clients.Sts.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest());
        Assert.Equal(Organization.Member, identity.Account);
    }

    private static AccountSettings TestAccounts() => AccountSettings.Load(new Core.Configuration.EnvironmentReader(
        new Dictionary<string, string?> { ["MEMBER_ACCOUNTS"] = Organization.Member }));

    private sealed record IamState(AccessKeyStatus KeyStatus, string Attached);

    private static async Task<IamState> StateAsync(Organization org, string account)
    {
        var iam = (await org.ClientsInAsync(account)).Iam;
        var key = (await iam.ListAccessKeysAsync(User, default)).Single(k => k.AccessKeyId == Key);
        var attached = await iam.ListAttachedUserPoliciesAsync(User, default);
        return new IamState(key.Status, string.Join(",", attached.Select(p => p.PolicyArn).Order(StringComparer.Ordinal)));
    }

    private static async Task<Dictionary<string, IamState>> StatesAsync(Organization org) => new()
    {
        [Organization.Central] = await StateAsync(org, Organization.Central),
        [Organization.Member] = await StateAsync(org, Organization.Member),
        [Organization.Outsider] = await StateAsync(org, Organization.Outsider),
    };
}
