using System.Text.Json.Nodes;
using Remediation.Core.Accounts;
using Remediation.Tool.Template;

namespace Remediation.Tests.Template;

/// <summary>
/// member-template.yaml is derived from template.yaml (issue 14: the member role's permissions "cannot drift"), passes
/// cfn-lint, and holds IAM's size limits, which moto does not enforce.
/// </summary>
public sealed class MemberTemplateTests
{
    private static SamTemplate Central() => SamTemplate.Load(Repo.PathOf("template.yaml"));

    private static JsonObject Member() => YamlToJson.Load(File.ReadAllText(Repo.PathOf(MemberTemplate.FileName)));

    [Fact]
    public void The_file_is_exactly_what_template_yaml_implies()
    {
        var expected = MemberTemplate.Render(Central());
        var actual = File.ReadAllText(Repo.PathOf(MemberTemplate.FileName)).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(expected == actual,
            "member-template.yaml is out of date; run: dotnet run --project tools/Remediate -- member-template > member-template.yaml");
    }

    [Fact]
    public void The_readme_explains_the_organization_deploy_and_lists_every_member_policy()
    {
        var readme = File.ReadAllText(Repo.PathOf("README.md"));
        Assert.Contains("### Deploy to an organization", readme, StringComparison.Ordinal);
        Assert.Contains("--permission-model SERVICE_MANAGED", readme, StringComparison.Ordinal);
        foreach (var function in Central().Functions)
        {
            Assert.Contains($"| `{function.Name}Permissions` |", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void It_passes_cfn_lint()
    {
        var (code, output) = ProcessRunner.Run("cfn-lint", "pip install cfn-lint==1.51.0", Repo.Root, MemberTemplate.FileName);
        Assert.True(code == 0, "cfn-lint member-template.yaml reported:\n" + output);
    }

    [Fact]
    public void The_member_role_has_each_functions_statements_less_the_central_ones()
    {
        var central = Central();
        var resources = Member()["Resources"]!.AsObject();
        foreach (var function in central.Functions)
        {
            var centralSids = central.Root["Resources"]![function.LogicalId]!["Properties"]!["Policies"]!.AsArray()
                .SelectMany(p => p!["Statement"]!.AsArray()).Select(s => s!["Sid"]!.ToString()).ToList();
            var memberSids = resources[function.Name + "Permissions"]!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
                .Select(s => s!["Sid"]!.ToString()).ToList();
            Assert.Equal(centralSids.Where(s => !MemberTemplate.CentralOnlySids.Contains(s)), memberSids);
            Assert.DoesNotContain(memberSids, s => s is "PublishAlerts" or "Ledger" or "DeadLetter");
        }
    }

    // IAM quotas: a managed policy document holds at most 6,144 characters, whitespace excluded (IAM User Guide,
    // "IAM and AWS STS quotas"); a role may have 10 managed policies attached by default.
    [Fact]
    public void Every_member_policy_fits_IAMs_managed_policy_size_and_the_role_its_attachment_quota()
    {
        var resources = Member()["Resources"]!.AsObject();
        var policies = resources.Where(r => r.Value!["Type"]!.ToString() == "AWS::IAM::ManagedPolicy"
            && r.Value["Properties"]!["Roles"] is not null).ToList();
        Assert.InRange(policies.Count, 5, 10);
        foreach (var (name, policy) in policies)
        {
            var length = policy!["Properties"]!["PolicyDocument"]!.ToJsonString().Count(c => !char.IsWhiteSpace(c));
            Assert.True(length <= 6144, $"{name}: {length} characters");
        }
    }

    [Fact]
    public void The_member_stack_names_its_resources_as_the_functions_expect()
    {
        var resources = Member()["Resources"]!.AsObject();
        var role = resources["MemberRole"]!["Properties"]!;
        Assert.Equal(MemberStackNames.RolePath, role["Path"]!.ToString());
        Assert.Equal(AccountSettings.DefaultMemberRoleName, Member()["Parameters"]!["MemberRoleName"]!["Default"]!.ToString());
        Assert.Equal(MemberStackNames.DenyAllPolicyName, resources["DenyAllPolicy"]!["Properties"]!["ManagedPolicyName"]!.ToString());
        Assert.Equal(MemberStackNames.RolePath, resources["DenyAllPolicy"]!["Properties"]!["Path"]!.ToString());
        Assert.Equal(MemberStackNames.QuarantineKeyAlias, resources["QuarantineKeyAlias"]!["Properties"]!["AliasName"]!.ToString());
        Assert.Equal(MemberStackNames.RotationKeyAlias, resources["RotationKeyAlias"]!["Properties"]!["AliasName"]!.ToString());
        Assert.Equal(MemberStackNames.QuarantineBucket("${AWS::AccountId}", "${AWS::Region}"),
            resources["QuarantineBucket"]!["Properties"]!["BucketName"]!["Fn::Sub"]!.ToString());
    }

    [Fact]
    public void The_member_role_trusts_only_the_central_functions_roles_and_the_organization()
    {
        var trust = Member()["Resources"]!["MemberRole"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray();
        var statement = Assert.Single(trust)!;
        var principals = statement["Principal"]!["AWS"]!.ToJsonString();
        Assert.Contains("\"Ref\":\"CentralFunctionRoleArns\"", principals, StringComparison.Ordinal);
        Assert.Contains("\"Ref\":\"ResponderRoleArn\"", principals, StringComparison.Ordinal);
        Assert.Contains("aws:PrincipalOrgID", statement["Condition"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("FunctionRoleArns", Central().Root["Outputs"]!.AsObject().Select(o => o.Key));
    }

    [Fact]
    public void Member_events_that_do_not_reach_the_administrator_are_forwarded_once_each()
    {
        var rules = Member()["Resources"]!.AsObject().Where(r => r.Value!["Type"]!.ToString() == "AWS::Events::Rule")
            .Select(r => r.Value!["Properties"]!["EventPattern"]!).ToList();
        var kinds = rules.Select(p => (p["source"]![0]!.ToString(), p["detail-type"]![0]!.ToString())).ToList();
        Assert.Equal(kinds.Count, kinds.Distinct().Count());
        Assert.Contains(("aws.iam", "AWS API Call via CloudTrail"), kinds);
        Assert.Contains(("aws.config", "Config Rules Compliance Change"), kinds);
        Assert.Contains(("aws.guardduty", "GuardDuty Malware Protection Object Scan Result"), kinds);
        Assert.DoesNotContain(("aws.guardduty", "GuardDuty Finding"), kinds);
    }
}
