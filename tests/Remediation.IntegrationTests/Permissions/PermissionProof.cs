using Amazon.EC2;
using Amazon.EC2.Model;
using Remediation.Actions.Ec2;
using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.IntegrationTests.Permissions;

/// <summary>
/// Replays the emulation's call log against a function's role (moto does not enforce IAM): every call must be allowed,
/// the implicit KMS calls of SNS, S3 and SSM included. Returns one line per request IAM would refuse.
/// </summary>
internal static class PermissionProof
{
    public static async Task<IReadOnlyList<string>> RefusedAsync(SamTemplate template, string function, LocalStack stack,
        IReadOnlyList<RecordedCall> calls, AwsClientFactory aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var definition = template.Functions.Single(f => f.Name == function);
        var statements = RoleStatements.Of(template, definition.LogicalId, stack);
        var account = await AccountAsync(stack, calls, aws.Iam) with { GroupTags = await GroupTagsAsync(calls, aws.Ec2()) };
        var refused = new List<string>();
        foreach (var call in calls)
        {
            foreach (var request in CallPermissions.For(call, account))
            {
                var (decision, sid) = IamPolicyEvaluator.Evaluate(statements, request);
                if (decision != Decision.Allowed)
                {
                    refused.Add($"{function}: {request} -> {decision}{(sid is null ? "" : " by " + sid)}");
                }
            }
        }
        return [.. refused.Distinct(StringComparer.Ordinal)];
    }

    public static ProofAccount Account(LocalStack stack, Func<string, string, (string, IReadOnlyDictionary<string, string>)> principal) => new(
        stack.AccountId, stack.Region, stack.TopicArn,
        $"arn:aws:kms:{stack.Region}:{stack.AccountId}:key/{stack.KeyId}",
        stack.QuarantineBucket,
        $"arn:aws:kms:{stack.Region}:{stack.AccountId}:key/{stack.QuarantineKeyId}",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"alias/{LocalStack.StackName}-alerts"] = $"arn:aws:kms:{stack.Region}:{stack.AccountId}:key/{stack.KeyId}",
            [$"alias/{LocalStack.StackName}-quarantine"] = $"arn:aws:kms:{stack.Region}:{stack.AccountId}:key/{stack.QuarantineKeyId}",
        },
        principal);

    /// <summary>Paths and tags of the users and roles the calls name, read after the run (a deleted one counts as path "/").</summary>
    private static async Task<ProofAccount> AccountAsync(LocalStack stack, IReadOnlyList<RecordedCall> calls, IIam iam)
    {
        var facts = new Dictionary<(string, string), (string, IReadOnlyDictionary<string, string>)>();
        var owners = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var call in calls.Where(c => c.Service == "iam"))
        {
            if (call.Operation == "GetAccessKeyLastUsed" && call.Parameters.TryGetProperty("AccessKeyId", out var k) && k.GetString() is { } keyId
                && !owners.ContainsKey(keyId))
            {
                var owner = owners[keyId] = await OwnerAsync(iam, keyId);
                if (owner is not null && !facts.ContainsKey(("user", owner)))
                {
                    facts[("user", owner)] = await LookUpAsync(iam, "user", owner);
                }
            }
            foreach (var kind in new[] { "user", "role" })
            {
                var property = kind == "user" ? "UserName" : "RoleName";
                if (call.Parameters.TryGetProperty(property, out var n) && n.GetString() is { } name && !facts.ContainsKey((kind, name)))
                {
                    facts[(kind, name)] = await LookUpAsync(iam, kind, name);
                }
            }
        }
        return Account(stack, (kind, name) => facts.TryGetValue((kind, name), out var f) ? f : ("/", new Dictionary<string, string>()))
            with { KeyOwner = key => owners.GetValueOrDefault(key) };
    }

    private static async Task<string?> OwnerAsync(IIam iam, string keyId)
    {
        try
        {
            return await iam.GetAccessKeyOwnerAsync(keyId, CancellationToken.None);
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            return null;
        }
    }

    /// <summary>The tags of the security groups the EC2 calls name, read after the run.</summary>
    private static async Task<Func<string, IReadOnlyDictionary<string, string>>> GroupTagsAsync(IReadOnlyList<RecordedCall> calls, IAmazonEC2 ec2)
    {
        var ids = calls.Where(c => c.Service == "ec2" && c.Parameters.ValueKind == JsonValueKind.Object)
            .SelectMany(c => c.Parameters.EnumerateObject())
            .Where(m => (m.Name == "GroupId" || m.Name.StartsWith("SecurityGroupId.", StringComparison.Ordinal)) && m.Value.ValueKind == JsonValueKind.String)
            .Select(m => m.Value.GetString()!).Distinct(StringComparer.Ordinal).ToList();
        var tags = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            var found = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = ids });
            foreach (var group in found.SecurityGroups ?? [])
            {
                tags[group.GroupId] = (group.Tags ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            }
        }
        return id => tags.GetValueOrDefault(id) ?? new Dictionary<string, string>();
    }

    private static async Task<(string, IReadOnlyDictionary<string, string>)> LookUpAsync(IIam iam, string kind, string name)
    {
        try
        {
            return kind == "user"
                ? ((await iam.GetUserAsync(name, default)).Path, await iam.ListUserTagsAsync(name, default))
                : ((await iam.GetRoleAsync(name, default)).Path, await iam.ListRoleTagsAsync(name, default));
        }
        catch (AwsServiceException e) when (e.ErrorCode == "NoSuchEntity")
        {
            return ("/", new Dictionary<string, string>());
        }
    }
}
