using Remediation.Actions.Iam;
using Remediation.Core.Aws.Iam;

namespace Remediation.RevokeIamPermissions;

/// <summary>What the playbook read before deciding: real ARNs (with their IAM paths) and, when asked, a user's keys.</summary>
/// <param name="Arns">"user/name", "role/name" → the ARN IAM reports (GuardDuty and CloudTrail request parameters give names without paths).</param>
/// <param name="Keys">The compromised user's access keys (read only when every key is to be deactivated).</param>
public sealed record RevokeFacts(IReadOnlyDictionary<string, string> Arns, IReadOnlyList<AccessKeyMetadata> Keys)
{
    /// <summary>"user/name", "role/name" IAM answered NoSuchEntity for: deleted since the event.</summary>
    public IReadOnlySet<string> Gone { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Policy documents read to judge the call (customer-managed attach, groups, policy versions).</summary>
    public PolicyFacts Policies { get; init; } = PolicyFacts.None;

    /// <summary>True when IAM said the principal does not exist.</summary>
    public bool IsGone(IamEntityKind kind, string name) => Gone.Contains(Key(kind, name));

    /// <summary>Nothing known.</summary>
    public static readonly RevokeFacts None = new(new Dictionary<string, string>(StringComparer.Ordinal), []);

    /// <summary>The key of <see cref="Arns"/>.</summary>
    public static string Key(IamEntityKind kind, string name) => kind.ToString().ToLowerInvariant() + "/" + name;

    /// <summary>The real ARN when read, else the path-less one.</summary>
    public string ArnOf(IamEntityKind kind, string name, string account) =>
        Arns.TryGetValue(Key(kind, name), out var arn) ? arn : $"arn:aws:iam::{account}:{Key(kind, name)}";
}
