using Remediation.Core.Aws.Iam;
using Remediation.RevokeIamPermissions;

namespace Remediation.Tests.RevokeIamPermissions;

public class RevokePlannerTests
{
    private const string DenyAllArn = "arn:aws:iam::123456789012:policy/remediation-deny-all";
    private static readonly RevokeOptions Options = new(DenyAllArn, "RemediationDenyAll", false, RevokeOptions.DefaultAdminPolicyArns, []);

    private static Finding Sample(string relative, Func<string, string>? edit = null)
    {
        var text = File.ReadAllText(Repo.PathOf("events", relative));
        var parsed = EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(edit is null ? text : edit(text)));
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        return parsed.Finding!;
    }

    private static Plan PlanFor(Finding finding, RevokeOptions? options = null, RevokeFacts? facts = null) =>
        RevokePlanner.Plan(finding, options ?? Options, facts ?? RevokeFacts.None);

    private static string Describe(PlannedAction a) =>
        a.Kind + " " + a.Target + " " + string.Join(",", a.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => p.Key != "expectedDocument").Select(p => p.Key + "=" + p.Value));

    [Fact]
    public void User_finding_denies_all_first_then_deactivates_exactly_the_named_key()
    {
        var plan = PlanFor(Sample("guardduty/anomalous-behavior-iam-user.json"));
        Assert.Equal(
        [
            "iam:DenyAllUser arn:aws:iam::123456789012:user/etl-service-user inlinePolicyName=RemediationDenyAll,policyArn=" + DenyAllArn + ",userName=etl-service-user",
            "iam:UpdateAccessKey arn:aws:iam::123456789012:user/etl-service-user accessKeyId=AKIAETLSERVICE000001,status=Inactive,userName=etl-service-user",
        ], plan.Actions.Select(Describe));
        Assert.Equal("Contained IAM user etl-service-user", plan.Headline.Done);
        Assert.Equal("Would contain IAM user etl-service-user", plan.Headline.Planned);
        Assert.True(plan.WritesIndependent, "the deny-all and the key are written together");
    }

    [Fact]
    public void Deactivate_all_keys_adds_the_other_active_keys_after_the_named_one()
    {
        var keys = new[]
        {
            new AccessKeyMetadata("etl-service-user", "AKIAETLSERVICE000002", AccessKeyStatus.Active, null),
            new AccessKeyMetadata("etl-service-user", "AKIAETLSERVICE000001", AccessKeyStatus.Active, null),
            new AccessKeyMetadata("etl-service-user", "AKIAETLSERVICE000003", AccessKeyStatus.Inactive, null),
        };
        var plan = PlanFor(Sample("guardduty/anomalous-behavior-iam-user.json"), Options with { DeactivateAllKeys = true },
            new RevokeFacts(new Dictionary<string, string>(), keys));
        Assert.Equal(["AKIAETLSERVICE000001", "AKIAETLSERVICE000002"],
            plan.Actions.Where(a => a.Kind == "iam:UpdateAccessKey").Select(a => a.Parameters["accessKeyId"]));
    }

    [Fact]
    public void Temporary_user_keys_are_not_deactivated_and_the_skip_says_why()
    {
        var plan = PlanFor(Sample("guardduty/anomalous-behavior-iam-user.json", t => t.Replace("AKIAETLSERVICE000001", "ASIAETLSERVICE000001", StringComparison.Ordinal)));
        Assert.Equal(["iam:DenyAllUser"], plan.Actions.Select(a => a.Kind));
        Assert.Contains(plan.Skipped, s => s.Contains("ASIAETLSERVICE000001", StringComparison.Ordinal) && s.Contains("temporary", StringComparison.Ordinal));
    }

    [Fact]
    public void Real_arn_with_path_is_the_target_when_read()
    {
        var facts = new RevokeFacts(new Dictionary<string, string> { ["user/etl-service-user"] = "arn:aws:iam::123456789012:user/service/etl-service-user" }, []);
        var plan = PlanFor(Sample("guardduty/anomalous-behavior-iam-user.json"), facts: facts);
        Assert.All(plan.Actions, a => Assert.Equal("arn:aws:iam::123456789012:user/service/etl-service-user", a.Target));
    }

    [Fact]
    public void Assumed_role_finding_revokes_sessions_and_names_the_instance()
    {
        var plan = PlanFor(Sample("guardduty/credential-exfiltration-outside-aws.json"));
        var action = Assert.Single(plan.Actions);
        Assert.Equal("iam:RevokeOlderSessions arn:aws:iam::123456789012:role/ml-training-ec2-role roleName=ml-training-ec2-role", Describe(action));
        Assert.Contains("i-0abc1234def567890", action.Reason, StringComparison.Ordinal);
        Assert.Contains(plan.Skipped, s => s.Contains("EC2 instance i-0abc1234def567890", StringComparison.Ordinal));
        Assert.Equal("Revoked sessions of role ml-training-ec2-role", plan.Headline.Done);
    }

    [Theory]
    [InlineData("AWSServiceRoleForSageMaker", "service-linked")]
    [InlineData("AWSReservedSSO_Admin_0123456789abcdef", "Identity Center")]
    public void Roles_aws_reserves_are_reported_not_revoked(string role, string said)
    {
        var plan = PlanFor(Sample("guardduty/credential-exfiltration-outside-aws.json", t => t.Replace("ml-training-ec2-role", role, StringComparison.Ordinal)));
        Assert.Empty(plan.Actions);
        Assert.Contains(said, Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Root_and_federated_principals_are_reported_only()
    {
        Assert.Empty(PlanFor(TestFindings.GuardDuty(TestFindings.Root())).Actions);
        var federated = new Principal(PrincipalKind.Federated, TestFindings.Account, "bob", null, "1234:bob", "bob", "ASIAFED");
        Assert.Empty(PlanFor(TestFindings.GuardDuty(federated)).Actions);
    }

    [Fact]
    public void Admin_attach_is_detached_from_exactly_that_user_before_the_actor_is_contained()
    {
        var plan = PlanFor(Sample("cloudtrail/iam-attach-user-policy-admin.json"));
        Assert.Equal(
        [
            "iam:DetachUserPolicy arn:aws:iam::123456789012:user/intern-sam policyArn=arn:aws:iam::aws:policy/AdministratorAccess,userName=intern-sam",
            "iam:DenyAllUser arn:aws:iam::123456789012:user/data-scientist-bob inlinePolicyName=RemediationDenyAll,policyArn=" + DenyAllArn + ",userName=data-scientist-bob",
            "iam:UpdateAccessKey arn:aws:iam::123456789012:user/data-scientist-bob accessKeyId=AKIAQXDATASCIBOB0001,status=Inactive,userName=data-scientist-bob",
        ], plan.Actions.Select(Describe));
        Assert.Equal("Undid escalation of intern-sam by data-scientist-bob", plan.Headline.Done);
        Assert.False(plan.WritesIndependent, "the escalation is undone before its actor is contained");
        Assert.Null(RevokePlanner.Disregard(Sample("cloudtrail/iam-attach-user-policy-admin.json"), Options));
    }

    [Fact]
    public void Admin_list_is_a_parameter()
    {
        var finding = Sample("cloudtrail/iam-attach-user-policy-admin.json");
        var options = Options with { AdminPolicyArns = ["arn:aws:iam::123456789012:policy/break-glass"] };
        Assert.Contains("not on the admin-equivalent list", RevokePlanner.Disregard(finding, options), StringComparison.Ordinal);
        Assert.Empty(PlanFor(finding, options).Actions);
    }

    [Fact]
    public void Approved_admins_are_reported_not_undone()
    {
        var plan = PlanFor(Sample("cloudtrail/iam-attach-user-policy-admin.json"), Options with { ApprovedAdminPatterns = ["arn:aws:iam::*:user/data-scientist-bob"] });
        Assert.Empty(plan.Actions);
        Assert.Contains("approved administrator", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void A_console_escalation_is_undone_like_a_cli_one_and_its_temporary_key_is_reported()
    {
        // Console calls carry sourceIPAddress/userAgent "AWS Internal" (CloudTrail, since 2022-02-24) and an ASIA key.
        var plan = PlanFor(Sample("cloudtrail/iam-attach-user-policy-admin-console.json"));
        Assert.Equal(["iam:DetachUserPolicy", "iam:DenyAllUser"], plan.Actions.Select(a => a.Kind));
        Assert.Contains(plan.Skipped, s => s.Contains("ASIAQXDATASCIBOBCON1 is a temporary session key", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Skipped, s => s.Contains("AWS itself", StringComparison.Ordinal));
    }

    [Fact]
    public void A_finding_about_a_deleted_user_is_reported_as_gone()
    {
        var facts = RevokeFacts.None with { Gone = new HashSet<string>(StringComparer.Ordinal) { "user/etl-service-user" } };
        var plan = PlanFor(Sample("guardduty/anomalous-behavior-iam-user.json"), facts: facts);
        Assert.Empty(plan.Actions);
        Assert.Contains("IAM user etl-service-user no longer exists", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void A_forged_aws_internal_user_agent_does_not_exempt_an_escalation()
    {
        var plan = PlanFor(Sample("cloudtrail/iam-attach-user-policy-admin.json", t => System.Text.RegularExpressions.Regex.Replace(t, "\"userAgent\": \"[^\"]*\"", "\"userAgent\": \"AWS Internal\"")));
        Assert.Equal(3, plan.Actions.Count);
    }

    [Theory]
    [InlineData("cloudtrail/iam-put-user-policy-aws-quarantine.json")]
    [InlineData("cloudtrail/iam-attach-user-policy-aws-quarantine-v2.json")]
    public void Aws_quarantine_is_reported_not_disregarded_and_never_changed(string file)
    {
        var finding = Sample(file);
        Assert.Null(RevokePlanner.Disregard(finding, Options));
        var plan = PlanFor(finding);
        Assert.Empty(plan.Actions);
        Assert.Contains("AWS's own quarantine policy", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcard_role_policy_is_deleted_only_while_it_holds_the_event_document_and_the_actor_role_is_revoked()
    {
        var finding = Sample("cloudtrail/iam-put-role-policy-wildcard.json");
        var plan = PlanFor(finding);
        Assert.Equal(
        [
            "iam:DeleteRolePolicy arn:aws:iam::123456789012:role/sagemaker-exec policyName=debug-full-access,roleName=sagemaker-exec",
            "iam:RevokeOlderSessions arn:aws:iam::123456789012:role/ml-training-ec2-role roleName=ml-training-ec2-role",
        ], plan.Actions.Select(Describe));
        Assert.Contains("\"DebugEverything\"", plan.Actions[0].Parameters["expectedDocument"], StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_policy_that_grants_nothing_broad_is_disregarded()
    {
        var finding = Sample("cloudtrail/iam-put-user-policy-wildcard.json", t => t.Replace("iam:*", "iam:GetUser", StringComparison.Ordinal));
        Assert.Contains("grants nothing broad", RevokePlanner.Disregard(finding, Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_policy_document_is_reported_for_review_not_disregarded()
    {
        var finding = Sample("cloudtrail/iam-put-user-policy-wildcard.json", t => t.Replace("\"policyDocument\": \"{", "\"policyDocument\": \"{{", StringComparison.Ordinal));
        Assert.Null(RevokePlanner.Disregard(finding, Options));
        var plan = PlanFor(finding);
        Assert.Empty(plan.Actions);
        Assert.Contains("review the call by hand", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_access_key_for_another_user_deactivates_the_new_key()
    {
        var plan = PlanFor(Sample("cloudtrail/iam-create-access-key-other-user.json"));
        Assert.Equal("iam:UpdateAccessKey arn:aws:iam::123456789012:user/intern-sam accessKeyId=AKIAQXINTERNSAM00001,status=Inactive,userName=intern-sam",
            Describe(plan.Actions[0]));
    }

    [Fact]
    public void Create_access_key_for_oneself_is_disregarded()
    {
        var own = Sample("cloudtrail/iam-create-access-key-other-user.json", t => t.Replace("\"userName\": \"intern-sam\"", "\"userName\": \"data-scientist-bob\"", StringComparison.Ordinal));
        Assert.Contains("own user", RevokePlanner.Disregard(own, Options), StringComparison.Ordinal);
        var implicitSelf = Sample("cloudtrail/iam-create-access-key-other-user.json", t => t.Replace("\"requestParameters\": {\n      \"userName\": \"intern-sam\"\n    }", "\"requestParameters\": {}", StringComparison.Ordinal));
        Assert.NotNull(RevokePlanner.Disregard(implicitSelf, Options));
    }

    [Fact]
    public void Login_profile_for_another_user_is_removed()
    {
        var finding = Sample("cloudtrail/iam-create-access-key-other-user.json", t => t.Replace("\"CreateAccessKey\"", "\"CreateLoginProfile\"", StringComparison.Ordinal));
        Assert.Equal("iam:DeleteLoginProfile arn:aws:iam::123456789012:user/intern-sam userName=intern-sam", Describe(PlanFor(finding).Actions[0]));
    }

    [Fact]
    public void Group_attach_is_detached_from_the_group()
    {
        var finding = Sample("cloudtrail/iam-attach-user-policy-admin.json", t => t
            .Replace("\"AttachUserPolicy\"", "\"AttachGroupPolicy\"", StringComparison.Ordinal)
            .Replace("\"userName\": \"intern-sam\"", "\"groupName\": \"ml-engineers\"", StringComparison.Ordinal));
        Assert.Equal("iam:DetachGroupPolicy arn:aws:iam::123456789012:group/ml-engineers groupName=ml-engineers,policyArn=arn:aws:iam::aws:policy/AdministratorAccess",
            Describe(PlanFor(finding).Actions[0]));
    }

    [Fact]
    public void The_functions_own_session_revocation_and_deny_all_writes_are_disregarded_so_it_never_reacts_to_itself()
    {
        static string Own(string text, string document)
        {
            var evt = System.Text.Json.Nodes.JsonNode.Parse(text)!;
            var request = evt["detail"]!["requestParameters"]!;
            request["roleName"] = "ml-training-ec2-role";
            request["policyName"] = "AWSRevokeOlderSessions";
            request["policyDocument"] = document;
            evt["detail"]!["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["userName"] = "remediation-RevokeIamPermissionsFunctionRole-1A2B3C";
            return evt.ToJsonString();
        }
        var revocation = Sample("cloudtrail/iam-put-role-policy-wildcard.json", t => Own(t, Remediation.Actions.Iam.IamPolicyDocuments.RevokeOlderSessions(DateTimeOffset.UnixEpoch)));
        Assert.Contains("grants nothing broad", RevokePlanner.Disregard(revocation, Options), StringComparison.Ordinal);
        var attach = Sample("cloudtrail/iam-attach-user-policy-admin.json", t => t.Replace("arn:aws:iam::aws:policy/AdministratorAccess", DenyAllArn, StringComparison.Ordinal));
        Assert.NotNull(RevokePlanner.Disregard(attach, Options));
    }

    [Fact]
    public void Guardduty_findings_are_never_disregarded()
    {
        Assert.Null(RevokePlanner.Disregard(Sample("guardduty/anomalous-behavior-iam-user.json"), Options));
        Assert.Null(RevokePlanner.Disregard(Sample("guardduty/sample-finding-credential-exfiltration.json"), Options));
    }

    [Fact]
    public void Options_name_a_missing_or_bad_deny_all_variable()
    {
        var missing = Assert.ThrowsAny<Exception>(() => RevokeOptions.Load(new Core.Configuration.EnvironmentReader(new Dictionary<string, string?>())));
        Assert.Contains("DENY_ALL_POLICY_ARN", missing.Message, StringComparison.Ordinal);
        var bad = Assert.ThrowsAny<Exception>(() => RevokeOptions.Load(new Core.Configuration.EnvironmentReader(new Dictionary<string, string?> { ["DENY_ALL_POLICY_ARN"] = "deny-all" })));
        Assert.Contains("DENY_ALL_POLICY_ARN", bad.Message, StringComparison.Ordinal);
        var ok = RevokeOptions.Load(new Core.Configuration.EnvironmentReader(new Dictionary<string, string?> { ["DENY_ALL_POLICY_ARN"] = DenyAllArn, ["ADMIN_EQUIVALENT_POLICY_ARNS"] = " a , b " }));
        Assert.Equal(["a", "b"], ok.AdminPolicyArns);
        Assert.False(ok.DeactivateAllKeys);
    }
}
