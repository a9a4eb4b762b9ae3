using Remediation.Core.Aws.Iam;

namespace Remediation.Actions.Iam;

/// <summary>The per-entity IAM calls, so one handler class serves users, roles and groups.</summary>
internal static class IamEntities
{
    public static Task<IReadOnlyList<AttachedPolicy>> ListAttachedAsync(IIam iam, IamEntityKind kind, string name, CancellationToken ct) => kind switch
    {
        IamEntityKind.User => iam.ListAttachedUserPoliciesAsync(name, ct),
        IamEntityKind.Role => iam.ListAttachedRolePoliciesAsync(name, ct),
        _ => iam.ListAttachedGroupPoliciesAsync(name, ct),
    };

    public static Task AttachAsync(IIam iam, IamEntityKind kind, string name, string policyArn, CancellationToken ct) => kind switch
    {
        IamEntityKind.User => iam.AttachUserPolicyAsync(name, policyArn, ct),
        IamEntityKind.Role => iam.AttachRolePolicyAsync(name, policyArn, ct),
        _ => iam.AttachGroupPolicyAsync(name, policyArn, ct),
    };

    public static Task DetachAsync(IIam iam, IamEntityKind kind, string name, string policyArn, CancellationToken ct) => kind switch
    {
        IamEntityKind.User => iam.DetachUserPolicyAsync(name, policyArn, ct),
        IamEntityKind.Role => iam.DetachRolePolicyAsync(name, policyArn, ct),
        _ => iam.DetachGroupPolicyAsync(name, policyArn, ct),
    };

    public static Task<string?> GetInlineAsync(IIam iam, IamEntityKind kind, string name, string policyName, CancellationToken ct) => kind switch
    {
        IamEntityKind.User => iam.GetUserPolicyAsync(name, policyName, ct),
        IamEntityKind.Role => iam.GetRolePolicyAsync(name, policyName, ct),
        _ => iam.GetGroupPolicyAsync(name, policyName, ct),
    };

    public static Task PutInlineAsync(IIam iam, IamEntityKind kind, string name, string policyName, string document, CancellationToken ct) => kind switch
    {
        IamEntityKind.User => iam.PutUserPolicyAsync(name, policyName, document, ct),
        IamEntityKind.Role => iam.PutRolePolicyAsync(name, policyName, document, ct),
        _ => iam.PutGroupPolicyAsync(name, policyName, document, ct),
    };

    public static Task DeleteInlineAsync(IIam iam, IamEntityKind kind, string name, string policyName, CancellationToken ct) => kind switch
    {
        IamEntityKind.User => iam.DeleteUserPolicyAsync(name, policyName, ct),
        IamEntityKind.Role => iam.DeleteRolePolicyAsync(name, policyName, ct),
        _ => iam.DeleteGroupPolicyAsync(name, policyName, ct),
    };

    public static string Describe(IamEntityKind kind, string name) => $"{kind.ToString().ToLowerInvariant()} {name}";
}
