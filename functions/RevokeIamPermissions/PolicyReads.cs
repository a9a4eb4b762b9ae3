using Remediation.Core.Aws.Iam;
using Remediation.Core.Events;

namespace Remediation.RevokeIamPermissions;

/// <summary>
/// Reads the policy documents an IAM call's judgement needs and the event does not carry (reads only). A policy or
/// group deleted since the event is simply not in the result: the call is then reported as unreadable.
/// </summary>
internal static class PolicyReads
{
    public static async Task<PolicyFacts> ReadAsync(IIam iam, ApiCall call, IReadOnlyList<string> adminPolicyArns, CancellationToken ct)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        var groups = new Dictionary<string, GroupPolicies>(StringComparer.Ordinal);
        var versions = new Dictionary<string, IReadOnlyList<PolicyVersion>>(StringComparer.Ordinal);
        var p = call.RequestParameters;
        var arn = RequestParameters.GetString(p, "policyArn");
        switch (call.EventName)
        {
            case "AttachUserPolicy" or "AttachRolePolicy" or "AttachGroupPolicy" when arn is not null && EscalationCall.NeedsReads(call, adminPolicyArns):
                await DefaultDocumentAsync(iam, arn, documents, ct);
                break;
            case "SetDefaultPolicyVersion" when arn is not null && RequestParameters.GetString(p, "versionId") is { } version:
                await OrGoneAsync(async () => documents[arn] = (await iam.GetPolicyVersionAsync(arn, version, ct)).Document ?? "");
                break;
            case "CreatePolicyVersion" when arn is not null && RequestParameters.GetBool(p, "setAsDefault") == true:
                await OrGoneAsync(async () => versions[arn] = await iam.ListPolicyVersionsAsync(arn, ct));
                break;
            case "AddUserToGroup" when RequestParameters.GetString(p, "groupName") is { } group:
                await OrGoneAsync(async () => groups[group] = await GroupAsync(iam, group, adminPolicyArns, documents, ct));
                break;
        }
        return new PolicyFacts(documents, groups, versions);
    }

    private static async Task<GroupPolicies> GroupAsync(IIam iam, string group, IReadOnlyList<string> adminPolicyArns,
        Dictionary<string, string> documents, CancellationToken ct)
    {
        var attached = (await iam.ListAttachedGroupPoliciesAsync(group, ct)).Select(a => a.PolicyArn).ToList();
        // A policy on the admin list decides it; no document needs reading then.
        if (!attached.Any(a => adminPolicyArns.Contains(a, StringComparer.Ordinal)))
        {
            foreach (var arn in attached.Where(PolicyFacts.IsCustomerManaged))
            {
                await DefaultDocumentAsync(iam, arn, documents, ct);
            }
        }
        var inline = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in await iam.ListGroupPoliciesAsync(group, ct))
        {
            inline[name] = await iam.GetGroupPolicyAsync(group, name, ct) ?? "";
        }
        return new GroupPolicies(attached, inline);
    }

    private static Task DefaultDocumentAsync(IIam iam, string arn, Dictionary<string, string> documents, CancellationToken ct) =>
        OrGoneAsync(async () =>
        {
            var policy = await iam.GetPolicyAsync(arn, ct);
            documents[arn] = (await iam.GetPolicyVersionAsync(arn, policy.DefaultVersionId, ct)).Document ?? "";
        });

    private static async Task OrGoneAsync(Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            // Deleted since the event: left out, so the call is reported as unreadable.
        }
    }
}
