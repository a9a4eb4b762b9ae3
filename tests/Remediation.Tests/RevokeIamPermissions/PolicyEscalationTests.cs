using Remediation.Core.Aws.Iam;
using Remediation.RevokeIamPermissions;

namespace Remediation.Tests.RevokeIamPermissions;

/// <summary>Escalations through groups, customer-managed documents and policy versions (issue 11, item 10).</summary>
public sealed class PolicyEscalationTests
{
    private const string DenyAllArn = "arn:aws:iam::123456789012:policy/remediation-deny-all";
    private const string PipelinePolicy = "arn:aws:iam::123456789012:policy/ml-pipeline-permissions";
    private const string OpsPolicy = "arn:aws:iam::123456789012:policy/ml-platform-ops";
    private const string AdminDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    private const string ReadDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private static readonly RevokeOptions Options = new(DenyAllArn, "RemediationDenyAll", false, RevokeOptions.DefaultAdminPolicyArns, []);

    private static Finding Event(string relative, Action<JsonNode>? edit = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(Repo.PathOf("events", relative)))!;
        edit?.Invoke(node["detail"]!);
        var parsed = EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        return parsed.Finding!;
    }

    private static PolicyFacts Facts(
        Dictionary<string, string>? documents = null,
        Dictionary<string, GroupPolicies>? groups = null,
        Dictionary<string, IReadOnlyList<PolicyVersion>>? versions = null) =>
        new(documents ?? [], groups ?? [], versions ?? []);

    private static Plan PlanFor(Finding finding, PolicyFacts policies) =>
        RevokePlanner.Plan(finding, Options, RevokeFacts.None with { Policies = policies });

    private static string[] Kinds(Plan plan) => [.. plan.Actions.Select(a => a.Kind)];

    [Fact]
    public void Adding_a_user_to_a_group_with_an_admin_equivalent_customer_policy_removes_them_and_contains_the_actor()
    {
        var finding = Event("cloudtrail/iam-add-user-to-admin-group.json");
        Assert.Null(RevokePlanner.Disregard(finding, Options));

        var plan = PlanFor(finding, Facts(
            documents: new() { [OpsPolicy] = AdminDocument },
            groups: new() { ["ml-platform-admins"] = new([OpsPolicy], new Dictionary<string, string>()) }));

        Assert.Equal(["iam:RemoveUserFromGroup", "iam:DenyAllUser", "iam:UpdateAccessKey"], Kinds(plan));
        var remove = plan.Actions[0];
        Assert.Equal("intern-sam", remove.Get("userName"));
        Assert.Equal("ml-platform-admins", remove.Get("groupName"));
        Assert.Equal("arn:aws:iam::123456789012:user/intern-sam", remove.Target);
        Assert.Contains("customer-managed policy " + OpsPolicy + " grants Allow \"*\"", remove.Reason, StringComparison.Ordinal);
        Assert.Equal("data-scientist-bob", plan.Actions[1].Get("userName"));
    }

    [Fact]
    public void A_group_is_admin_equivalent_by_an_inline_policy_or_a_listed_aws_policy_too()
    {
        var finding = Event("cloudtrail/iam-add-user-to-admin-group.json");
        var inline = PlanFor(finding, Facts(groups: new() { ["ml-platform-admins"] = new([], new Dictionary<string, string> { ["ops"] = AdminDocument }) }));
        var listed = PlanFor(finding, Facts(groups: new() { ["ml-platform-admins"] = new(["arn:aws:iam::aws:policy/AdministratorAccess"], new Dictionary<string, string>()) }));

        Assert.Equal("iam:RemoveUserFromGroup", inline.Actions[0].Kind);
        Assert.Contains("inline policy ops grants", inline.Actions[0].Reason, StringComparison.Ordinal);
        Assert.Equal("iam:RemoveUserFromGroup", listed.Actions[0].Kind);
    }

    [Fact]
    public void A_group_that_grants_nothing_broad_is_recorded_quietly_and_an_unreadable_one_is_reported()
    {
        var finding = Event("cloudtrail/iam-add-user-to-admin-group.json");
        var routine = PlanFor(finding, Facts(documents: new() { [OpsPolicy] = ReadDocument },
            groups: new() { ["ml-platform-admins"] = new([OpsPolicy], new Dictionary<string, string>()) }));
        var unread = PlanFor(finding, Facts(groups: new() { ["ml-platform-admins"] = new([OpsPolicy], new Dictionary<string, string>()) }));
        var gone = PlanFor(finding, Facts());

        Assert.Empty(routine.Actions);
        Assert.True(routine.Quiet);
        Assert.Contains("grants nothing admin-equivalent", routine.Skipped[0], StringComparison.Ordinal);
        foreach (var plan in new[] { unread, gone })
        {
            Assert.Empty(plan.Actions);
            Assert.False(plan.Quiet);
            Assert.Contains("could not all be read", plan.Skipped[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Attaching_a_customer_managed_policy_is_judged_by_its_document()
    {
        var finding = Event("cloudtrail/iam-attach-user-policy-admin.json", d => d["requestParameters"]!["policyArn"] = OpsPolicy);
        Assert.Null(RevokePlanner.Disregard(finding, Options));

        var admin = PlanFor(finding, Facts(documents: new() { [OpsPolicy] = AdminDocument }));
        var routine = PlanFor(finding, Facts(documents: new() { [OpsPolicy] = ReadDocument }));
        var unread = PlanFor(finding, Facts());

        Assert.Equal(["iam:DetachUserPolicy", "iam:DenyAllUser", "iam:UpdateAccessKey"], Kinds(admin));
        Assert.Equal(OpsPolicy, admin.Actions[0].Get("policyArn"));
        Assert.True(routine.Quiet);
        Assert.Empty(routine.Actions);
        Assert.Contains("could not be read", Assert.Single(unread.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void An_aws_managed_policy_off_the_list_and_the_stacks_own_deny_all_are_disregarded_without_reads()
    {
        var readOnly = Event("cloudtrail/iam-attach-user-policy-admin.json", d => d["requestParameters"]!["policyArn"] = "arn:aws:iam::aws:policy/ReadOnlyAccess");
        var ownDenyAll = Event("cloudtrail/iam-attach-user-policy-admin.json", d => d["requestParameters"]!["policyArn"] = DenyAllArn);

        Assert.Contains("not on the admin-equivalent list", RevokePlanner.Disregard(readOnly, Options), StringComparison.Ordinal);
        Assert.Contains("this stack's deny-all policy", RevokePlanner.Disregard(ownDenyAll, Options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_admin_default_version_is_undone_to_the_one_other_version_only_while_it_is_still_the_default()
    {
        var finding = Event("cloudtrail/iam-create-policy-version-admin.json");
        Assert.Null(RevokePlanner.Disregard(finding, Options));

        var plan = PlanFor(finding, Facts(versions: new() { [PipelinePolicy] = [new("v1", false, null), new("v2", true, null)] }));

        Assert.Equal(["iam:SetDefaultPolicyVersion", "iam:DenyAllUser", "iam:UpdateAccessKey"], Kinds(plan));
        var restore = plan.Actions[0];
        Assert.Equal(PipelinePolicy, restore.Target);
        Assert.Equal("v1", restore.Get("versionId"));
        Assert.Equal("v2", restore.Get("expectedDefaultVersion"));
        Assert.StartsWith("Undid escalation of policy ml-pipeline-permissions by data-scientist-bob", plan.Headline.Done, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1,v2,v3")]
    [InlineData("")]
    public void When_the_replaced_default_is_not_certain_the_actor_is_contained_and_the_restore_is_left_to_a_human(string listed)
    {
        var finding = Event("cloudtrail/iam-create-policy-version-admin.json");
        IReadOnlyList<PolicyVersion> versions = [.. listed.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => new PolicyVersion(v, v == "v2", null))];

        var plan = PlanFor(finding, Facts(versions: new() { [PipelinePolicy] = versions }));

        Assert.Equal(["iam:DenyAllUser", "iam:UpdateAccessKey"], Kinds(plan));
        Assert.Contains(plan.Skipped, s => s.Contains("set it back by hand", StringComparison.Ordinal) && s.Contains("CloudTrail does not record it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_version_that_is_not_the_default_or_grants_nothing_broad_is_disregarded()
    {
        var notDefault = Event("cloudtrail/iam-create-policy-version-admin.json", d => d["requestParameters"]!["setAsDefault"] = false);
        var narrow = Event("cloudtrail/iam-create-policy-version-admin.json", d => d["requestParameters"]!["policyDocument"] = ReadDocument);

        Assert.Contains("not its default version", RevokePlanner.Disregard(notDefault, Options), StringComparison.Ordinal);
        Assert.Contains("grants nothing broad", RevokePlanner.Disregard(narrow, Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_an_admin_version_as_default_contains_the_actor_and_says_the_undo_is_a_humans()
    {
        var finding = Event("cloudtrail/iam-create-policy-version-admin.json", d =>
        {
            d["eventName"] = "SetDefaultPolicyVersion";
            d["requestParameters"] = new JsonObject { ["policyArn"] = PipelinePolicy, ["versionId"] = "v2" };
            d["responseElements"] = null;
        });
        Assert.Null(RevokePlanner.Disregard(finding, Options));

        var admin = PlanFor(finding, Facts(documents: new() { [PipelinePolicy] = AdminDocument }));
        var narrow = PlanFor(finding, Facts(documents: new() { [PipelinePolicy] = ReadDocument }));

        Assert.Equal(["iam:DenyAllUser", "iam:UpdateAccessKey"], Kinds(admin));
        Assert.Contains(admin.Skipped, s => s.Contains("set it back by hand", StringComparison.Ordinal));
        Assert.Equal("Contained data-scientist-bob; escalation of policy ml-pipeline-permissions NOT undone", admin.Headline.Done);
        Assert.True(narrow.Quiet);
    }

    [Fact]
    public void An_escalated_principal_deleted_since_the_call_has_nothing_to_undo_and_the_actor_is_still_contained()
    {
        var finding = Event("cloudtrail/iam-attach-user-policy-admin.json");
        var facts = RevokeFacts.None with { Gone = new HashSet<string>(StringComparer.Ordinal) { "user/intern-sam" } };

        var plan = RevokePlanner.Plan(finding, Options, facts);

        Assert.Equal(["iam:DenyAllUser", "iam:UpdateAccessKey"], Kinds(plan));
        Assert.Contains("IAM user intern-sam no longer exists: nothing to undo", plan.Skipped);
        Assert.Contains("NOT undone", plan.Headline.Done, StringComparison.Ordinal);
    }
}
