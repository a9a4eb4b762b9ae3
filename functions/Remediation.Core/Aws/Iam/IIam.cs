namespace Remediation.Core.Aws.Iam;

/// <summary>
/// The IAM operations the product calls, shaped like the official client's operations
/// (so swapping AWSSDK.IdentityManagement in later touches one adapter).
/// Errors surface as <see cref="AwsServiceException"/> with IAM's codes (NoSuchEntity, LimitExceeded, UnmodifiableEntity...).
/// Policy documents are returned URL-decoded (docs/aws-reference.md §0.8) and sent as plain JSON.
/// </summary>
public interface IIam
{
    /// <summary>GetUser.</summary>
    Task<IamUser> GetUserAsync(string userName, CancellationToken ct);
    /// <summary>ListUsers, all pages.</summary>
    Task<IReadOnlyList<IamUser>> ListUsersAsync(CancellationToken ct);
    /// <summary>GetRole.</summary>
    Task<IamRole> GetRoleAsync(string roleName, CancellationToken ct);
    /// <summary>GetInstanceProfile: the roles in the profile (at most one, IAM's limit).</summary>
    Task<IReadOnlyList<IamRole>> GetInstanceProfileRolesAsync(string instanceProfileName, CancellationToken ct);
    /// <summary>ListUserTags, all pages.</summary>
    Task<IReadOnlyDictionary<string, string>> ListUserTagsAsync(string userName, CancellationToken ct);
    /// <summary>ListRoleTags, all pages.</summary>
    Task<IReadOnlyDictionary<string, string>> ListRoleTagsAsync(string roleName, CancellationToken ct);

    /// <summary>ListAccessKeys, all pages. UserName is required under temporary credentials (docs/aws-reference.md §0.7).</summary>
    Task<IReadOnlyList<AccessKeyMetadata>> ListAccessKeysAsync(string userName, CancellationToken ct);
    /// <summary>
    /// GetAccessKeyLastUsed: the IAM user that owns the access key (its <c>UserName</c>), or null when IAM does not
    /// name one. A hint to be checked against that user's own keys: the key itself is never read.
    /// </summary>
    Task<string?> GetAccessKeyOwnerAsync(string accessKeyId, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>UpdateAccessKey.</summary>
    Task UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken ct);
    /// <summary>CreateAccessKey. The result holds a secret: never log it.</summary>
    Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken ct);
    /// <summary>DeleteAccessKey.</summary>
    Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken ct);

    /// <summary>PutUserPolicy (inline).</summary>
    Task PutUserPolicyAsync(string userName, string policyName, string policyDocument, CancellationToken ct);
    /// <summary>GetUserPolicy; null when the user has no such inline policy.</summary>
    Task<string?> GetUserPolicyAsync(string userName, string policyName, CancellationToken ct);
    /// <summary>DeleteUserPolicy.</summary>
    Task DeleteUserPolicyAsync(string userName, string policyName, CancellationToken ct);
    /// <summary>PutRolePolicy (inline).</summary>
    Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken ct);
    /// <summary>GetRolePolicy; null when the role has no such inline policy.</summary>
    Task<string?> GetRolePolicyAsync(string roleName, string policyName, CancellationToken ct);
    /// <summary>DeleteRolePolicy.</summary>
    Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken ct);
    /// <summary>PutGroupPolicy (inline).</summary>
    Task PutGroupPolicyAsync(string groupName, string policyName, string policyDocument, CancellationToken ct);
    /// <summary>GetGroupPolicy; null when absent.</summary>
    Task<string?> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken ct);
    /// <summary>DeleteGroupPolicy.</summary>
    Task DeleteGroupPolicyAsync(string groupName, string policyName, CancellationToken ct);

    /// <summary>AttachUserPolicy.</summary>
    Task AttachUserPolicyAsync(string userName, string policyArn, CancellationToken ct);
    /// <summary>DetachUserPolicy.</summary>
    Task DetachUserPolicyAsync(string userName, string policyArn, CancellationToken ct);
    /// <summary>ListAttachedUserPolicies, all pages.</summary>
    Task<IReadOnlyList<AttachedPolicy>> ListAttachedUserPoliciesAsync(string userName, CancellationToken ct);
    /// <summary>AttachRolePolicy.</summary>
    Task AttachRolePolicyAsync(string roleName, string policyArn, CancellationToken ct);
    /// <summary>DetachRolePolicy.</summary>
    Task DetachRolePolicyAsync(string roleName, string policyArn, CancellationToken ct);
    /// <summary>ListAttachedRolePolicies, all pages.</summary>
    Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken ct);
    /// <summary>AttachGroupPolicy.</summary>
    Task AttachGroupPolicyAsync(string groupName, string policyArn, CancellationToken ct);
    /// <summary>DetachGroupPolicy.</summary>
    Task DetachGroupPolicyAsync(string groupName, string policyArn, CancellationToken ct);
    /// <summary>ListAttachedGroupPolicies, all pages.</summary>
    Task<IReadOnlyList<AttachedPolicy>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken ct);
    /// <summary>CreatePolicy (customer managed); returns the new policy's ARN. Used to create the stack's own policies in the emulation.</summary>
    Task<string> CreatePolicyAsync(string policyName, string path, string policyDocument, string description, CancellationToken ct);

    /// <summary>GetPolicy: a managed policy's default version id.</summary>
    Task<ManagedPolicy> GetPolicyAsync(string policyArn, CancellationToken ct);
    /// <summary>GetPolicyVersion; the document is URL-decoded.</summary>
    Task<PolicyVersion> GetPolicyVersionAsync(string policyArn, string versionId, CancellationToken ct);
    /// <summary>ListPolicyVersions, all pages (documents are not listed).</summary>
    Task<IReadOnlyList<PolicyVersion>> ListPolicyVersionsAsync(string policyArn, CancellationToken ct);
    /// <summary>SetDefaultPolicyVersion.</summary>
    Task SetDefaultPolicyVersionAsync(string policyArn, string versionId, CancellationToken ct);
    /// <summary>ListGroupPolicies (inline policy names), all pages.</summary>
    Task<IReadOnlyList<string>> ListGroupPoliciesAsync(string groupName, CancellationToken ct);
    /// <summary>ListAccountAliases: the account's alias (an account has at most one), or null.</summary>
    Task<string?> GetAccountAliasAsync(CancellationToken ct);
    /// <summary>ListGroupsForUser (group names), all pages.</summary>
    Task<IReadOnlyList<string>> ListGroupsForUserAsync(string userName, CancellationToken ct);
    /// <summary>AddUserToGroup.</summary>
    Task AddUserToGroupAsync(string groupName, string userName, CancellationToken ct);
    /// <summary>RemoveUserFromGroup.</summary>
    Task RemoveUserFromGroupAsync(string groupName, string userName, CancellationToken ct);

    /// <summary>GetLoginProfile; false when the user has no console password.</summary>
    Task<bool> HasLoginProfileAsync(string userName, CancellationToken ct);
    /// <summary>DeleteLoginProfile.</summary>
    Task DeleteLoginProfileAsync(string userName, CancellationToken ct);
}

/// <summary>An IAM user.</summary>
public sealed record IamUser(string UserName, string UserId, string Arn, string Path);

/// <summary>An IAM role; the trust policy is URL-decoded.</summary>
public sealed record IamRole(string RoleName, string RoleId, string Arn, string Path, string? AssumeRolePolicyDocument);

/// <summary>Access key status values IAM accepts.</summary>
public enum AccessKeyStatus
{
    /// <summary>Usable.</summary>
    Active,
    /// <summary>Deactivated (reversible).</summary>
    Inactive,
}

/// <summary>One access key of a user.</summary>
public sealed record AccessKeyMetadata(string UserName, string AccessKeyId, AccessKeyStatus Status, DateTimeOffset? CreateDate);

/// <summary>A new access key. <see cref="SecretAccessKey"/> must only go to Parameter Store.</summary>
public sealed record NewAccessKey(string UserName, string AccessKeyId, string SecretAccessKey)
{
    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"NewAccessKey {{ UserName = {UserName}, AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";
}

/// <summary>A managed policy attached to a principal.</summary>
public sealed record AttachedPolicy(string PolicyName, string PolicyArn);

/// <summary>A customer- or AWS-managed policy.</summary>
public sealed record ManagedPolicy(string PolicyName, string Arn, string DefaultVersionId);

/// <summary>One version of a managed policy; <see cref="Document"/> only from GetPolicyVersion (URL-decoded).</summary>
public sealed record PolicyVersion(string VersionId, bool IsDefaultVersion, string? Document);
