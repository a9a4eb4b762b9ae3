using System.Text.Json.Nodes;
using Remediation.Core.Accounts;
using Remediation.Core.Aws;
using Remediation.IntegrationTests.Permissions;
using Remediation.Tool.Template;

namespace Remediation.IntegrationTests.Organization;

/// <summary>
/// The permission proof (moto does not enforce IAM) for organization mode: a function's calls in the central account
/// are judged against its role from template.yaml plus the member-access policy, its calls in the member account
/// against the member role's policies as the member stack deployed them (read back from the member's IAM).
/// </summary>
internal static class MemberPermissionProof
{
    public static async Task<IReadOnlyList<string>> RefusedAsync(FunctionHarness harness, Organization org, string function, IReadOnlyList<RecordedCall> calls)
    {
        var template = SamTemplate.Load(Path.Combine(LocalAwsFixture.FindRepoRoot(), "template.yaml"));
        var centralCalls = calls.Where(c => c.Account == Organization.Central).ToList();
        var refused = new List<string>();
        var assumes = centralCalls.Where(c => c.Operation == "AssumeRole").ToList();
        refused.AddRange(await PermissionProof.RefusedAsync(template, function, harness.Stack!, [.. centralCalls.Except(assumes)], harness.Aws));
        var access = MemberAccess(template);
        foreach (var request in assumes.SelectMany(c => CallPermissions.For(c, PermissionProof.Account(harness.Stack!, (_, _) => ("/", new Dictionary<string, string>())))))
        {
            if (IamPolicyEvaluator.Evaluate(access, request).Decision != Decision.Allowed)
            {
                refused.Add($"{function} (central): {request}");
            }
        }

        var member = await org.ClientsInAsync(Organization.Member);
        var statements = await DeployedStatementsAsync(member);
        var proofAccount = await MemberAccountAsync(org, member);
        foreach (var call in calls.Where(c => c.Account == Organization.Member))
        {
            foreach (var request in CallPermissions.For(call, proofAccount))
            {
                var (decision, sid) = IamPolicyEvaluator.Evaluate(statements, request);
                if (decision != Decision.Allowed)
                {
                    refused.Add($"{function} (member role): {request} -> {decision}{(sid is null ? "" : " by " + sid)}");
                }
            }
        }
        return [.. refused.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>AssumeListedMemberRoles of template.yaml with MemberAccounts set to the test's member.</summary>
    private static List<JsonObject> MemberAccess(SamTemplate template)
    {
        var statement = template.Root["Resources"]!["AssumeListedMemberRoles"]!["Properties"]!["PolicyDocument"]!["Statement"]![0]!.DeepClone().AsObject();
        statement["Resource"] = "arn:aws:iam::*:role/remediation/" + AccountSettings.DefaultMemberRoleName;
        statement["Condition"]!["StringEquals"]!["aws:ResourceAccount"] = new JsonArray(Organization.Member);
        return [statement];
    }

    private static async Task<List<JsonObject>> DeployedStatementsAsync(AwsClientFactory member)
    {
        var statements = new List<JsonObject>();
        foreach (var attached in await member.Iam.ListAttachedRolePoliciesAsync(AccountSettings.DefaultMemberRoleName, default))
        {
            var policy = await member.Iam.GetPolicyAsync(attached.PolicyArn, default);
            var version = await member.Iam.GetPolicyVersionAsync(attached.PolicyArn, policy.DefaultVersionId, default);
            var document = JsonNode.Parse(version.Document!)!;
            statements.AddRange(document["Statement"]!.AsArray().Select(s => s!.DeepClone().AsObject()));
        }
        Assert.NotEmpty(statements);
        return statements;
    }

    private static async Task<ProofAccount> MemberAccountAsync(Organization org, AwsClientFactory member)
    {
        var resources = org.MemberStack.GetProperty("resources");
        string KeyArn(string logicalId) => $"arn:aws:kms:us-east-1:{Organization.Member}:key/{resources.GetProperty(logicalId).GetProperty("physicalId").GetString()}";
        var facts = new Dictionary<(string, string), (string, IReadOnlyDictionary<string, string>)>();
        foreach (var user in await member.Iam.ListUsersAsync(default))
        {
            facts[("user", user.UserName)] = (user.Path, await member.Iam.ListUserTagsAsync(user.UserName, default));
        }
        return new ProofAccount(Organization.Member, "us-east-1", "", KeyArn("RotationKey"),
            MemberStackNames.QuarantineBucket(Organization.Member, "us-east-1"), KeyArn("QuarantineKey"),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MemberStackNames.QuarantineKeyAlias] = KeyArn("QuarantineKey"),
                [MemberStackNames.RotationKeyAlias] = KeyArn("RotationKey"),
            },
            (kind, name) => facts.TryGetValue((kind, name), out var f) ? f : ("/", new Dictionary<string, string>()));
    }
}
