using System.Text.Json.Nodes;
using Remediation.Core.Aws.Iam;

namespace Remediation.IntegrationTests.Functions;

/// <summary>The IAM state of the principals a test touches, comparable before and after (attached, inline documents as JSON, key statuses, groups).</summary>
internal sealed record IamSnapshot(IReadOnlyList<string> Lines)
{
    public static async Task<IamSnapshot> TakeAsync(IIam iam, string[] users, string[] roles)
    {
        var lines = new List<string>();
        var ct = CancellationToken.None;
        foreach (var user in users)
        {
            lines.AddRange((await iam.ListAttachedUserPoliciesAsync(user, ct)).Select(p => $"user/{user} attached {p.PolicyArn}"));
            lines.AddRange((await iam.ListAccessKeysAsync(user, ct)).Select(k => $"user/{user} key {k.AccessKeyId} {k.Status}"));
            lines.AddRange(await InlineAsync($"user/{user}", n => iam.GetUserPolicyAsync(user, n, ct), InlineNames));
            lines.Add($"user/{user} loginProfile {await iam.HasLoginProfileAsync(user, ct)}");
            lines.AddRange((await iam.ListGroupsForUserAsync(user, ct)).Select(g => $"user/{user} group {g}"));
        }
        foreach (var role in roles)
        {
            lines.AddRange((await iam.ListAttachedRolePoliciesAsync(role, ct)).Select(p => $"role/{role} attached {p.PolicyArn}"));
            lines.AddRange(await InlineAsync($"role/{role}", n => iam.GetRolePolicyAsync(role, n, ct), InlineNames));
            lines.Add($"role/{role} trust {Canonical((await iam.GetRoleAsync(role, ct)).AssumeRolePolicyDocument)}");
        }
        return new IamSnapshot([.. lines.Order(StringComparer.Ordinal)]);
    }

    // IIam has no ListUserPolicies: probe the inline names these tests can create or remove.
    private static readonly string[] InlineNames = ["AWSRevokeOlderSessions", "RemediationDenyAll", "support-iam-access", "debug-full-access"];

    private static async Task<IEnumerable<string>> InlineAsync(string who, Func<string, Task<string?>> get, string[] names)
    {
        var lines = new List<string>();
        foreach (var name in names)
        {
            if (await get(name) is { } doc)
            {
                lines.Add($"{who} inline {name} {Canonical(doc)}");
            }
        }
        return lines;
    }

    private static string Canonical(string? json) => json is null ? "null" : JsonNode.Parse(json)!.ToJsonString();

    public override string ToString() => string.Join('\n', Lines);
}
