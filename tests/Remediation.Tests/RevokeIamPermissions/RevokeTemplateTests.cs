using Remediation.Tool.Template;

namespace Remediation.Tests.RevokeIamPermissions;

/// <summary>The function's role in template.yaml: only the IAM actions its handlers and reads call, scoped, never on the stack's own roles.</summary>
public class RevokeTemplateTests
{
    private static readonly JsonNode Function = SamTemplate.Load(Repo.PathOf("template.yaml")).Root["Resources"]!["RevokeIamPermissionsFunction"]!;

    private static IEnumerable<JsonNode> Statements => Function["Properties"]!["Policies"]!.AsArray().SelectMany(p => p!["Statement"]!.AsArray())!;

    private static IEnumerable<string> Actions(JsonNode s) => s["Action"] is JsonArray a ? a.Select(x => x!.ToString()) : [s["Action"]!.ToString()];

    private static IEnumerable<string> Resources(JsonNode s) => s["Resource"] is JsonArray a ? a.Select(x => x!.ToJsonString()) : [s["Resource"]!.ToJsonString()];

    [Fact]
    public void Iam_actions_are_exactly_those_the_function_calls()
    {
        var allowed = Statements.Where(s => s["Effect"]!.ToString() == "Allow").SelectMany(Actions).Where(a => a.StartsWith("iam:", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "iam:AttachUserPolicy", "iam:DeleteGroupPolicy", "iam:DeleteLoginProfile", "iam:DeleteRolePolicy", "iam:DeleteUserPolicy",
            "iam:DetachGroupPolicy", "iam:DetachRolePolicy", "iam:DetachUserPolicy", "iam:GetGroupPolicy", "iam:GetLoginProfile",
            "iam:GetPolicy", "iam:GetPolicyVersion",
            "iam:GetRole", "iam:GetRolePolicy", "iam:GetUser", "iam:GetUserPolicy", "iam:ListAccessKeys", "iam:ListAccountAliases", "iam:ListAttachedGroupPolicies",
            "iam:ListAttachedRolePolicies", "iam:ListAttachedUserPolicies", "iam:ListGroupPolicies", "iam:ListGroupsForUser",
            "iam:ListPolicyVersions", "iam:ListRoleTags", "iam:ListUserTags", "iam:PutRolePolicy",
            "iam:PutUserPolicy", "iam:RemoveUserFromGroup", "iam:SetDefaultPolicyVersion", "iam:UpdateAccessKey",
        ], allowed);
    }

    [Fact]
    public void Iam_allows_are_scoped_to_users_roles_groups_and_policies_of_the_account()
    {
        // ListAccountAliases has no resource type (Service Authorization Reference, IAM): its statement names "*".
        foreach (var statement in Statements.Where(s => s["Effect"]!.ToString() == "Allow" && s["Sid"]?.ToString() != "NameTheAccount"
            && Actions(s).Any(a => a.StartsWith("iam:", StringComparison.Ordinal))))
        {
            Assert.All(Resources(statement), r => Assert.Matches(@"arn:\$\{AWS::Partition\}:iam::\$\{AWS::AccountId\}:(user|role|group|policy)/\*", r));
        }
    }

    [Fact]
    public void Only_the_stacks_deny_all_policy_can_be_attached()
    {
        var attach = Assert.Single(Statements, s => Actions(s).Contains("iam:AttachUserPolicy"));
        Assert.Equal("DenyAllPolicy", attach["Condition"]!["ArnEquals"]!["iam:PolicyARN"]!["Ref"]!.ToString());
    }

    [Fact]
    public void Writes_to_the_stacks_own_roles_are_explicitly_denied()
    {
        // By path: every role of the stack is under /remediation/ (Globals RolePath), whatever name CloudFormation gives it.
        var deny = Assert.Single(Statements, s => s["Sid"]!.ToString() == "NeverChangeThisStacksRoles");
        Assert.Equal("Deny", deny["Effect"]!.ToString());
        Assert.Contains("role/remediation/*", deny["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Superset(new HashSet<string> { "iam:Put*", "iam:Delete*", "iam:Detach*", "iam:Attach*", "iam:Update*" }, Actions(deny).ToHashSet());
    }
}

public sealed class RevokeHandlerSetTests
{
    [Fact]
    public void The_function_runs_no_generic_attach_or_inline_put_only_containment_and_undo()
    {
        // IAM cannot limit PutUserPolicy/PutRolePolicy by policy name (no such condition key), so the handler set does.
        using var aws = new Core.Aws.AwsClientFactory(Core.Aws.AwsClientSettings.ForEndpoint("http://127.0.0.1:9"));
        var kinds = Remediation.Actions.Iam.IamActionHandlers.Containment(aws.Iam, TimeProvider.System).Select(h => h.Kind).ToList();
        Assert.DoesNotContain(kinds, k => k.StartsWith("iam:Put", StringComparison.Ordinal) || k.StartsWith("iam:Attach", StringComparison.Ordinal));
        Assert.Contains("iam:DenyAllUser", kinds);
        Assert.Contains("iam:RevokeOlderSessions", kinds);
        Assert.Contains("iam:DetachUserPolicy", kinds);
        Assert.Contains("iam:DeleteRolePolicy", kinds);
    }
}

public sealed class RootAccessKeyTests
{
    [Fact]
    public void The_root_user_creating_its_own_access_key_is_reported_not_dropped()
    {
        var finding = Events.SampleEvents.Parse("cloudtrail/iam-create-access-key-root.json").Finding!;
        var options = Remediation.RevokeIamPermissions.RevokeOptions.Load(new Core.Configuration.EnvironmentReader(new Dictionary<string, string?>
        {
            ["DENY_ALL_POLICY_ARN"] = "arn:aws:iam::123456789012:policy/remediation-deny-all",
        }));
        Assert.Null(Remediation.RevokeIamPermissions.RevokePlanner.Disregard(finding, options));
        var plan = Remediation.RevokeIamPermissions.RevokePlanner.Plan(finding, options, Remediation.RevokeIamPermissions.RevokeFacts.None);
        Assert.Empty(plan.Actions);
        Assert.Contains("CIS AWS Foundations 1.4", Assert.Single(plan.Skipped), StringComparison.Ordinal);
        Assert.Contains("AKIAQXROOTKEY0000001", plan.Skipped[0], StringComparison.Ordinal);
    }
}

public sealed class TrustAndBoundaryTests
{
    private static readonly Remediation.RevokeIamPermissions.RevokeOptions Options = Remediation.RevokeIamPermissions.RevokeOptions.Load(
        new Core.Configuration.EnvironmentReader(new Dictionary<string, string?> { ["DENY_ALL_POLICY_ARN"] = "arn:aws:iam::123456789012:policy/remediation-deny-all" }));

    private static Core.Pipeline.Plan PlanFor(string corpusFile)
    {
        var finding = Core.Events.EventParser.Parse(File.ReadAllBytes(Support.Repo.PathOf("tests", "Corpus", "events", corpusFile))).Finding!;
        return Remediation.RevokeIamPermissions.RevokePlanner.Plan(finding, Options, Remediation.RevokeIamPermissions.RevokeFacts.None);
    }

    [Fact]
    public void A_trust_policy_opened_to_everyone_is_reported_and_one_for_a_service_is_not_an_incident()
    {
        var open = PlanFor("cloudtrail/panther-update-assume-role-policy-everyone.json");
        Assert.Empty(open.Actions);
        Assert.Contains("now lets everyone (*) assume it", Assert.Single(open.Skipped), StringComparison.Ordinal);
        var service = Core.Events.EventParser.Parse(File.ReadAllBytes(Support.Repo.PathOf("tests", "Corpus", "events", "cloudtrail/panther-update-assume-role-policy-service.json"))).Finding!;
        Assert.NotNull(Remediation.RevokeIamPermissions.RevokePlanner.Disregard(service, Options));
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole"}]}""", "account 210987654321")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":{"AWS":["123456789012","999988887777"]},"Action":"sts:AssumeRole"}}""", "account 999988887777")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/ci"},"Action":"sts:AssumeRole"}]}""", null)]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole"}]}""", null)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Condition":{"StringEquals":{"kms:CallerAccount":"123456789012","kms:ViaService":"ec2.us-east-1.amazonaws.com"}}}]}""", null)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Condition":{"StringNotEquals":{"kms:CallerAccount":"123456789012"}}}]}""", "everyone (*)")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}""", null)]
    [InlineData("""{"Statement":[{"Effect":7,"Principal":"*"}]}""", null)]
    [InlineData("""[1,2]""", null)]
    public void Outsiders_of_a_trust_or_key_policy(string document, string? outsider) =>
        Assert.Equal(outsider, Remediation.Core.Findings.PolicyOutsiders.Outsider(document, "123456789012"));
}

public sealed class BoundaryRemovalTests
{
    [Fact]
    public void Removing_a_roles_permissions_boundary_is_reported()
    {
        var finding = Events.SampleEvents.ParseEdited("cloudtrail/iam-attach-user-policy-admin.json", e =>
        {
            e["detail"]!["eventName"] = "DeleteRolePermissionsBoundary";
            e["detail"]!["requestParameters"] = new System.Text.Json.Nodes.JsonObject { ["roleName"] = "ml-training-role" };
        }).Finding!;
        var options = Remediation.RevokeIamPermissions.RevokeOptions.Load(new Core.Configuration.EnvironmentReader(
            new Dictionary<string, string?> { ["DENY_ALL_POLICY_ARN"] = "arn:aws:iam::123456789012:policy/remediation-deny-all" }));
        Assert.Null(Remediation.RevokeIamPermissions.RevokePlanner.Disregard(finding, options));
        var plan = Remediation.RevokeIamPermissions.RevokePlanner.Plan(finding, options, Remediation.RevokeIamPermissions.RevokeFacts.None);
        Assert.Empty(plan.Actions);
        Assert.Contains("permissions boundary of role ml-training-role was removed", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }
}
