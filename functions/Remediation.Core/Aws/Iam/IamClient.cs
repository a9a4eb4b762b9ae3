using System.Xml.Linq;
using Remediation.Core.Aws.Protocol;

namespace Remediation.Core.Aws.Iam;

/// <summary>IAM over the Query protocol (Version 2010-05-08), signed for us-east-1 / "iam" (docs/aws-reference.md §B1).</summary>
public sealed class IamClient : IIam
{
    private readonly QueryClient _query;

    internal IamClient(AwsProtocolClient transport) => _query = new QueryClient(transport, "iam", "2010-05-08");

    /// <inheritdoc/>
    public async Task<IamUser> GetUserAsync(string userName, CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("GetUser").Add("UserName", userName), ct);
        return ReadUser(result.Child("User") ?? throw MissingElement("User"));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<IamUser>> ListUsersAsync(CancellationToken ct) =>
        QueryPaginator.AllPagesAsync(
            (marker, token) => _query.CallAsync(_query.Request("ListUsers").Add("Marker", marker), token),
            result => result.Members("Users").Select(ReadUser),
            ct);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<IamRole>> GetInstanceProfileRolesAsync(string instanceProfileName, CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("GetInstanceProfile").Add("InstanceProfileName", instanceProfileName), ct);
        var profile = result.Child("InstanceProfile") ?? throw MissingElement("InstanceProfile");
        return [.. profile.Members("Roles").Select(r => new IamRole(r.Required("RoleName"), r.Required("RoleId"), r.Required("Arn"),
            r.Text("Path") ?? "/", DecodePolicy(r.Text("AssumeRolePolicyDocument"))))];
    }

    /// <inheritdoc/>
    public async Task<IamRole> GetRoleAsync(string roleName, CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("GetRole").Add("RoleName", roleName), ct);
        var role = result.Child("Role") ?? throw MissingElement("Role");
        return new IamRole(
            role.Required("RoleName"),
            role.Required("RoleId"),
            role.Required("Arn"),
            role.Text("Path") ?? "/",
            DecodePolicy(role.Text("AssumeRolePolicyDocument")));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, string>> ListUserTagsAsync(string userName, CancellationToken ct) =>
        ListTagsAsync("ListUserTags", "UserName", userName, ct);

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, string>> ListRoleTagsAsync(string roleName, CancellationToken ct) =>
        ListTagsAsync("ListRoleTags", "RoleName", roleName, ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AccessKeyMetadata>> ListAccessKeysAsync(string userName, CancellationToken ct) =>
        QueryPaginator.AllPagesAsync(
            (marker, token) => _query.CallAsync(_query.Request("ListAccessKeys").Add("UserName", userName).Add("Marker", marker), token),
            result => result.Members("AccessKeyMetadata").Select(key => new AccessKeyMetadata(
                key.Text("UserName") ?? userName,
                key.Required("AccessKeyId"),
                ReadStatus(key.Required("Status")),
                key.Timestamp("CreateDate"))),
            ct);

    /// <inheritdoc/>
    public async Task<string?> GetAccessKeyOwnerAsync(string accessKeyId, CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("GetAccessKeyLastUsed").Add("AccessKeyId", accessKeyId), ct);
        return result.Text("UserName");
    }

    /// <inheritdoc/>
    public Task UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken ct) =>
        _query.CallAsync(
            _query.Request("UpdateAccessKey").Add("UserName", userName).Add("AccessKeyId", accessKeyId).Add("Status", status.ToString()),
            ct);

    /// <inheritdoc/>
    public async Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("CreateAccessKey").Add("UserName", userName), ct);
        var key = result.Child("AccessKey") ?? throw MissingElement("AccessKey");
        return new NewAccessKey(key.Text("UserName") ?? userName, key.Required("AccessKeyId"), key.Required("SecretAccessKey"));
    }

    /// <inheritdoc/>
    public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken ct) =>
        _query.CallAsync(_query.Request("DeleteAccessKey").Add("UserName", userName).Add("AccessKeyId", accessKeyId), ct);

    /// <inheritdoc/>
    public Task PutUserPolicyAsync(string userName, string policyName, string policyDocument, CancellationToken ct) =>
        PutInlineAsync("PutUserPolicy", "UserName", userName, policyName, policyDocument, ct);

    /// <inheritdoc/>
    public Task<string?> GetUserPolicyAsync(string userName, string policyName, CancellationToken ct) =>
        GetInlineAsync("GetUserPolicy", "UserName", userName, policyName, ct);

    /// <inheritdoc/>
    public Task DeleteUserPolicyAsync(string userName, string policyName, CancellationToken ct) =>
        _query.CallAsync(_query.Request("DeleteUserPolicy").Add("UserName", userName).Add("PolicyName", policyName), ct);

    /// <inheritdoc/>
    public Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken ct) =>
        PutInlineAsync("PutRolePolicy", "RoleName", roleName, policyName, policyDocument, ct);

    /// <inheritdoc/>
    public Task<string?> GetRolePolicyAsync(string roleName, string policyName, CancellationToken ct) =>
        GetInlineAsync("GetRolePolicy", "RoleName", roleName, policyName, ct);

    /// <inheritdoc/>
    public Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken ct) =>
        _query.CallAsync(_query.Request("DeleteRolePolicy").Add("RoleName", roleName).Add("PolicyName", policyName), ct);

    /// <inheritdoc/>
    public Task PutGroupPolicyAsync(string groupName, string policyName, string policyDocument, CancellationToken ct) =>
        PutInlineAsync("PutGroupPolicy", "GroupName", groupName, policyName, policyDocument, ct);

    /// <inheritdoc/>
    public Task<string?> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken ct) =>
        GetInlineAsync("GetGroupPolicy", "GroupName", groupName, policyName, ct);

    /// <inheritdoc/>
    public Task DeleteGroupPolicyAsync(string groupName, string policyName, CancellationToken ct) =>
        _query.CallAsync(_query.Request("DeleteGroupPolicy").Add("GroupName", groupName).Add("PolicyName", policyName), ct);

    /// <inheritdoc/>
    public Task AttachUserPolicyAsync(string userName, string policyArn, CancellationToken ct) =>
        ManagedAsync("AttachUserPolicy", "UserName", userName, policyArn, ct);

    /// <inheritdoc/>
    public Task DetachUserPolicyAsync(string userName, string policyArn, CancellationToken ct) =>
        ManagedAsync("DetachUserPolicy", "UserName", userName, policyArn, ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AttachedPolicy>> ListAttachedUserPoliciesAsync(string userName, CancellationToken ct) =>
        ListAttachedAsync("ListAttachedUserPolicies", "UserName", userName, ct);

    /// <inheritdoc/>
    public Task AttachRolePolicyAsync(string roleName, string policyArn, CancellationToken ct) =>
        ManagedAsync("AttachRolePolicy", "RoleName", roleName, policyArn, ct);

    /// <inheritdoc/>
    public Task DetachRolePolicyAsync(string roleName, string policyArn, CancellationToken ct) =>
        ManagedAsync("DetachRolePolicy", "RoleName", roleName, policyArn, ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken ct) =>
        ListAttachedAsync("ListAttachedRolePolicies", "RoleName", roleName, ct);

    /// <inheritdoc/>
    public Task AttachGroupPolicyAsync(string groupName, string policyArn, CancellationToken ct) =>
        ManagedAsync("AttachGroupPolicy", "GroupName", groupName, policyArn, ct);

    /// <inheritdoc/>
    public Task DetachGroupPolicyAsync(string groupName, string policyArn, CancellationToken ct) =>
        ManagedAsync("DetachGroupPolicy", "GroupName", groupName, policyArn, ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AttachedPolicy>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken ct) =>
        ListAttachedAsync("ListAttachedGroupPolicies", "GroupName", groupName, ct);

    /// <inheritdoc/>
    public async Task<string> CreatePolicyAsync(string policyName, string path, string policyDocument, string description, CancellationToken ct)
    {
        var result = await _query.CallAsync(
            _query.Request("CreatePolicy").Add("PolicyName", policyName).Add("Path", path).Add("PolicyDocument", policyDocument)
                .Add("Description", description),
            ct);
        return (result.Child("Policy") ?? throw MissingElement("Policy")).Required("Arn");
    }

    /// <inheritdoc/>
    public async Task<ManagedPolicy> GetPolicyAsync(string policyArn, CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("GetPolicy").Add("PolicyArn", policyArn), ct);
        var policy = result.Child("Policy") ?? throw MissingElement("Policy");
        return new ManagedPolicy(policy.Required("PolicyName"), policy.Required("Arn"), policy.Required("DefaultVersionId"));
    }

    /// <inheritdoc/>
    public async Task<PolicyVersion> GetPolicyVersionAsync(string policyArn, string versionId, CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("GetPolicyVersion").Add("PolicyArn", policyArn).Add("VersionId", versionId), ct);
        return ReadVersion(result.Child("PolicyVersion") ?? throw MissingElement("PolicyVersion"));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PolicyVersion>> ListPolicyVersionsAsync(string policyArn, CancellationToken ct) =>
        QueryPaginator.AllPagesAsync(
            (marker, token) => _query.CallAsync(_query.Request("ListPolicyVersions").Add("PolicyArn", policyArn).Add("Marker", marker), token),
            result => result.Members("Versions").Select(ReadVersion),
            ct);

    /// <inheritdoc/>
    public Task SetDefaultPolicyVersionAsync(string policyArn, string versionId, CancellationToken ct) =>
        _query.CallAsync(_query.Request("SetDefaultPolicyVersion").Add("PolicyArn", policyArn).Add("VersionId", versionId), ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListGroupPoliciesAsync(string groupName, CancellationToken ct) =>
        QueryPaginator.AllPagesAsync(
            (marker, token) => _query.CallAsync(_query.Request("ListGroupPolicies").Add("GroupName", groupName).Add("Marker", marker), token),
            result => result.Members("PolicyNames").Select(name => name.Value),
            ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListGroupsForUserAsync(string userName, CancellationToken ct) =>
        QueryPaginator.AllPagesAsync(
            (marker, token) => _query.CallAsync(_query.Request("ListGroupsForUser").Add("UserName", userName).Add("Marker", marker), token),
            result => result.Members("Groups").Select(group => group.Required("GroupName")),
            ct);

    /// <inheritdoc/>
    public async Task<string?> GetAccountAliasAsync(CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("ListAccountAliases"), ct);
        return result.Members("AccountAliases").Select(alias => alias.Value).FirstOrDefault();
    }

    /// <inheritdoc/>
    public Task AddUserToGroupAsync(string groupName, string userName, CancellationToken ct) =>
        _query.CallAsync(_query.Request("AddUserToGroup").Add("GroupName", groupName).Add("UserName", userName), ct);

    /// <inheritdoc/>
    public Task RemoveUserFromGroupAsync(string groupName, string userName, CancellationToken ct) =>
        _query.CallAsync(_query.Request("RemoveUserFromGroup").Add("GroupName", groupName).Add("UserName", userName), ct);

    /// <inheritdoc/>
    public async Task<bool> HasLoginProfileAsync(string userName, CancellationToken ct)
    {
        try
        {
            await _query.CallAsync(_query.Request("GetLoginProfile").Add("UserName", userName), ct);
            return true;
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public Task DeleteLoginProfileAsync(string userName, CancellationToken ct) =>
        _query.CallAsync(_query.Request("DeleteLoginProfile").Add("UserName", userName), ct);

    private Task<XElement> PutInlineAsync(string action, string principalMember, string principal, string policyName, string document, CancellationToken ct) =>
        _query.CallAsync(
            _query.Request(action).Add(principalMember, principal).Add("PolicyName", policyName).Add("PolicyDocument", document),
            ct);

    private async Task<string?> GetInlineAsync(string action, string principalMember, string principal, string policyName, CancellationToken ct)
    {
        try
        {
            var result = await _query.CallAsync(_query.Request(action).Add(principalMember, principal).Add("PolicyName", policyName), ct);
            return DecodePolicy(result.Text("PolicyDocument"));
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            return null;
        }
    }

    private Task<XElement> ManagedAsync(string action, string principalMember, string principal, string policyArn, CancellationToken ct) =>
        _query.CallAsync(_query.Request(action).Add(principalMember, principal).Add("PolicyArn", policyArn), ct);

    private Task<IReadOnlyList<AttachedPolicy>> ListAttachedAsync(string action, string principalMember, string principal, CancellationToken ct) =>
        QueryPaginator.AllPagesAsync(
            (marker, token) => _query.CallAsync(_query.Request(action).Add(principalMember, principal).Add("Marker", marker), token),
            result => result.Members("AttachedPolicies").Select(p => new AttachedPolicy(p.Required("PolicyName"), p.Required("PolicyArn"))),
            ct);

    private async Task<IReadOnlyDictionary<string, string>> ListTagsAsync(string action, string principalMember, string principal, CancellationToken ct)
    {
        var tags = await QueryPaginator.AllPagesAsync(
            (marker, token) => _query.CallAsync(_query.Request(action).Add(principalMember, principal).Add("Marker", marker), token),
            result => result.Members("Tags").Select(t => KeyValuePair.Create(t.Required("Key"), t.Text("Value") ?? "")),
            ct);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            byKey[key] = value;
        }

        return byKey;
    }

    private static PolicyVersion ReadVersion(XElement version) =>
        new(version.Required("VersionId"), version.Flag("IsDefaultVersion"),
            DecodePolicy(version.Text("Document")));

    private static IamUser ReadUser(XElement user) =>
        new(user.Required("UserName"), user.Required("UserId"), user.Required("Arn"), user.Text("Path") ?? "/");

    // Only "Active" keys authenticate; "Inactive" and "Expired" both mean the key is unusable.
    private static AccessKeyStatus ReadStatus(string status) =>
        status == "Active" ? AccessKeyStatus.Active : AccessKeyStatus.Inactive;

    // IAM returns policy documents URL-encoded per RFC 3986 (docs/aws-reference.md §0.8).
    private static string? DecodePolicy(string? encoded) => encoded is null ? null : Uri.UnescapeDataString(encoded);

    private static System.Xml.XmlException MissingElement(string name) => new($"The IAM response lacks <{name}>.");
}
