using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;
using static Remediation.IntegrationTests.Aws.ParityWorld;

namespace Remediation.IntegrationTests.Aws;

/// <summary>Every IAM operation of <see cref="IIam"/>: our request equals the AWS CLI's, parameter by parameter.</summary>
[Collection("LocalAws")]
public sealed class IamWireParityTests(LocalAws.LocalAwsFixture localAws)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly Dictionary<string, (Func<IIam, Task> Ours, string[] Cli)> Cases = new()
    {
        ["GetUser"] = (iam => iam.GetUserAsync(User, Ct), ["iam", "get-user", "--user-name", User]),
        ["ListUsers"] = (iam => iam.ListUsersAsync(Ct), ["iam", "list-users"]),
        ["GetRole"] = (iam => iam.GetRoleAsync(Role, Ct), ["iam", "get-role", "--role-name", Role]),
        ["GetInstanceProfile"] = (iam => iam.GetInstanceProfileRolesAsync("ml-training-profile", Ct), ["iam", "get-instance-profile", "--instance-profile-name", "ml-training-profile"]),
        ["ListUserTags"] = (iam => iam.ListUserTagsAsync(User, Ct), ["iam", "list-user-tags", "--user-name", User]),
        ["ListRoleTags"] = (iam => iam.ListRoleTagsAsync(Role, Ct), ["iam", "list-role-tags", "--role-name", Role]),
        ["ListAccessKeys"] = (iam => iam.ListAccessKeysAsync(User, Ct), ["iam", "list-access-keys", "--user-name", User]),
        ["GetAccessKeyLastUsed"] = (iam => iam.GetAccessKeyOwnerAsync(KeyId, Ct), ["iam", "get-access-key-last-used", "--access-key-id", KeyId]),
        ["UpdateAccessKey"] = (iam => iam.UpdateAccessKeyAsync(User, KeyId, AccessKeyStatus.Inactive, Ct),
            ["iam", "update-access-key", "--user-name", User, "--access-key-id", KeyId, "--status", "Inactive"]),
        ["CreateAccessKey"] = (iam => iam.CreateAccessKeyAsync(User, Ct), ["iam", "create-access-key", "--user-name", User]),
        ["DeleteAccessKey"] = (iam => iam.DeleteAccessKeyAsync(User, KeyId, Ct), ["iam", "delete-access-key", "--user-name", User, "--access-key-id", KeyId]),
        ["PutUserPolicy"] = (iam => iam.PutUserPolicyAsync(User, "AWSRevokeOlderSessions", RevokePolicy, Ct),
            ["iam", "put-user-policy", "--user-name", User, "--policy-name", "AWSRevokeOlderSessions", "--policy-document", RevokePolicy]),
        ["GetUserPolicy"] = (iam => iam.GetUserPolicyAsync(User, InlinePolicy, Ct), ["iam", "get-user-policy", "--user-name", User, "--policy-name", InlinePolicy]),
        ["DeleteUserPolicy"] = (iam => iam.DeleteUserPolicyAsync(User, InlinePolicy, Ct), ["iam", "delete-user-policy", "--user-name", User, "--policy-name", InlinePolicy]),
        ["PutRolePolicy"] = (iam => iam.PutRolePolicyAsync(Role, "AWSRevokeOlderSessions", RevokePolicy, Ct),
            ["iam", "put-role-policy", "--role-name", Role, "--policy-name", "AWSRevokeOlderSessions", "--policy-document", RevokePolicy]),
        ["GetRolePolicy"] = (iam => iam.GetRolePolicyAsync(Role, InlinePolicy, Ct), ["iam", "get-role-policy", "--role-name", Role, "--policy-name", InlinePolicy]),
        ["DeleteRolePolicy"] = (iam => iam.DeleteRolePolicyAsync(Role, InlinePolicy, Ct), ["iam", "delete-role-policy", "--role-name", Role, "--policy-name", InlinePolicy]),
        ["PutGroupPolicy"] = (iam => iam.PutGroupPolicyAsync(Group, "AWSRevokeOlderSessions", RevokePolicy, Ct),
            ["iam", "put-group-policy", "--group-name", Group, "--policy-name", "AWSRevokeOlderSessions", "--policy-document", RevokePolicy]),
        ["GetGroupPolicy"] = (iam => iam.GetGroupPolicyAsync(Group, InlinePolicy, Ct), ["iam", "get-group-policy", "--group-name", Group, "--policy-name", InlinePolicy]),
        ["DeleteGroupPolicy"] = (iam => iam.DeleteGroupPolicyAsync(Group, InlinePolicy, Ct), ["iam", "delete-group-policy", "--group-name", Group, "--policy-name", InlinePolicy]),
        ["AttachUserPolicy"] = (iam => iam.AttachUserPolicyAsync("bob", ManagedPolicyArn, Ct), ["iam", "attach-user-policy", "--user-name", "bob", "--policy-arn", ManagedPolicyArn]),
        ["DetachUserPolicy"] = (iam => iam.DetachUserPolicyAsync(User, ManagedPolicyArn, Ct), ["iam", "detach-user-policy", "--user-name", User, "--policy-arn", ManagedPolicyArn]),
        ["ListAttachedUserPolicies"] = (iam => iam.ListAttachedUserPoliciesAsync(User, Ct), ["iam", "list-attached-user-policies", "--user-name", User]),
        ["AttachRolePolicy"] = (iam => iam.AttachRolePolicyAsync(Role, "arn:aws:iam::aws:policy/AWSDenyAll", Ct),
            ["iam", "attach-role-policy", "--role-name", Role, "--policy-arn", "arn:aws:iam::aws:policy/AWSDenyAll"]),
        ["DetachRolePolicy"] = (iam => iam.DetachRolePolicyAsync(Role, ManagedPolicyArn, Ct), ["iam", "detach-role-policy", "--role-name", Role, "--policy-arn", ManagedPolicyArn]),
        ["ListAttachedRolePolicies"] = (iam => iam.ListAttachedRolePoliciesAsync(Role, Ct), ["iam", "list-attached-role-policies", "--role-name", Role]),
        ["AttachGroupPolicy"] = (iam => iam.AttachGroupPolicyAsync(Group, "arn:aws:iam::aws:policy/AWSDenyAll", Ct),
            ["iam", "attach-group-policy", "--group-name", Group, "--policy-arn", "arn:aws:iam::aws:policy/AWSDenyAll"]),
        ["DetachGroupPolicy"] = (iam => iam.DetachGroupPolicyAsync(Group, ManagedPolicyArn, Ct), ["iam", "detach-group-policy", "--group-name", Group, "--policy-arn", ManagedPolicyArn]),
        ["ListAttachedGroupPolicies"] = (iam => iam.ListAttachedGroupPoliciesAsync(Group, Ct), ["iam", "list-attached-group-policies", "--group-name", Group]),
        ["CreatePolicy"] = (iam => iam.CreatePolicyAsync("remediation-deny-all", "/", DenyAllPolicy, "Deny everything", Ct),
            ["iam", "create-policy", "--policy-name", "remediation-deny-all", "--path", "/", "--policy-document", DenyAllPolicy, "--description", "Deny everything"]),
        ["GetPolicy"] = (iam => iam.GetPolicyAsync(ManagedPolicyArn, Ct), ["iam", "get-policy", "--policy-arn", ManagedPolicyArn]),
        ["GetPolicyVersion"] = (iam => iam.GetPolicyVersionAsync(ManagedPolicyArn, "v1", Ct), ["iam", "get-policy-version", "--policy-arn", ManagedPolicyArn, "--version-id", "v1"]),
        ["ListPolicyVersions"] = (iam => iam.ListPolicyVersionsAsync(ManagedPolicyArn, Ct), ["iam", "list-policy-versions", "--policy-arn", ManagedPolicyArn]),
        ["SetDefaultPolicyVersion"] = (iam => iam.SetDefaultPolicyVersionAsync(ManagedPolicyArn, "v1", Ct),
            ["iam", "set-default-policy-version", "--policy-arn", ManagedPolicyArn, "--version-id", "v1"]),
        ["ListGroupPolicies"] = (iam => iam.ListGroupPoliciesAsync(Group, Ct), ["iam", "list-group-policies", "--group-name", Group]),
        ["ListGroupsForUser"] = (iam => iam.ListGroupsForUserAsync(User, Ct), ["iam", "list-groups-for-user", "--user-name", User]),
        ["ListAccountAliases"] = (iam => iam.GetAccountAliasAsync(Ct), ["iam", "list-account-aliases"]),
        ["AddUserToGroup"] = (iam => iam.AddUserToGroupAsync(Group, "bob", Ct), ["iam", "add-user-to-group", "--group-name", Group, "--user-name", "bob"]),
        ["RemoveUserFromGroup"] = (iam => iam.RemoveUserFromGroupAsync(Group, User, Ct), ["iam", "remove-user-from-group", "--group-name", Group, "--user-name", User]),
        ["GetLoginProfile"] = (iam => iam.HasLoginProfileAsync(User, Ct), ["iam", "get-login-profile", "--user-name", User]),
        ["DeleteLoginProfile"] = (iam => iam.DeleteLoginProfileAsync(User, Ct), ["iam", "delete-login-profile", "--user-name", User]),
    };

    public static TheoryData<string> Operations => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Operations))]
    public Task Our_request_equals_the_CLI_request(string operation) =>
        new WireParity(localAws).AssertSameRequestAsync(Json, "iam", operation, factory => Cases[operation].Ours(factory.Iam), Cases[operation].Cli);

    [Fact]
    public void Every_IIam_method_has_a_parity_case() =>
        Assert.Equal(typeof(IIam).GetMethods().Length, Cases.Count);
}
