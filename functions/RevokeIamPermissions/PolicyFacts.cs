using Remediation.Core.Aws.Iam;

namespace Remediation.RevokeIamPermissions;

/// <summary>
/// Policy documents the playbook read because the event does not carry them: the document a customer-managed attach
/// or SetDefaultPolicyVersion put in effect, a group's policies, a policy's versions. Judged only, never written.
/// </summary>
/// <param name="Documents">Policy ARN → the document the call put in effect (default version, or the version set as default).</param>
/// <param name="Groups">Group name → its attached policy ARNs and inline documents.</param>
/// <param name="Versions">Policy ARN → its versions (for undoing CreatePolicyVersion).</param>
public sealed record PolicyFacts(
    IReadOnlyDictionary<string, string> Documents,
    IReadOnlyDictionary<string, GroupPolicies> Groups,
    IReadOnlyDictionary<string, IReadOnlyList<PolicyVersion>> Versions)
{
    /// <summary>Nothing read.</summary>
    public static readonly PolicyFacts None = new(
        new Dictionary<string, string>(StringComparer.Ordinal),
        new Dictionary<string, GroupPolicies>(StringComparer.Ordinal),
        new Dictionary<string, IReadOnlyList<PolicyVersion>>(StringComparer.Ordinal));

    /// <summary>True for a policy of an account (not one of AWS's managed policies, whose grants are judged by the admin list).</summary>
    public static bool IsCustomerManaged(string policyArn) => !policyArn.Contains(":iam::aws:policy/", StringComparison.Ordinal);
}

/// <summary>What a group grants: its managed policies and its inline documents by name.</summary>
public sealed record GroupPolicies(IReadOnlyList<string> AttachedArns, IReadOnlyDictionary<string, string> InlineDocuments);
