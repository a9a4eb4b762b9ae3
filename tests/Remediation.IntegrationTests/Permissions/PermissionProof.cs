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
        IReadOnlyList<RecordedCall> calls, IIam iam)
    {
        var definition = template.Functions.Single(f => f.Name == function);
        var statements = RoleStatements.Of(template, definition.LogicalId, stack);
        var account = await AccountAsync(stack, calls, iam);
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
        foreach (var call in calls.Where(c => c.Service == "iam"))
        {
            foreach (var kind in new[] { "user", "role" })
            {
                var property = kind == "user" ? "UserName" : "RoleName";
                if (call.Parameters.TryGetProperty(property, out var n) && n.GetString() is { } name && !facts.ContainsKey((kind, name)))
                {
                    facts[(kind, name)] = await LookUpAsync(iam, kind, name);
                }
            }
        }
        return Account(stack, (kind, name) => facts.TryGetValue((kind, name), out var f) ? f : ("/", new Dictionary<string, string>()));
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
