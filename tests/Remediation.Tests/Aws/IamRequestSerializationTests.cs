using Remediation.Core.Aws.Iam;

namespace Remediation.Tests.Aws;

/// <summary>Our IAM request bodies equal, byte for byte, what botocore 1.43.11 serializes for the same call (generated with botocore's QuerySerializer, members in model order).</summary>
public sealed class IamRequestSerializationTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-26T15:00:00Z"}}}]}""";
    private const string DenyAll = "arn:aws:iam::aws:policy/AWSDenyAll";
    private const string Revoke = "AWSRevokeOlderSessions";
    private const string CustomerPolicy = "arn:aws:iam::123456789012:policy/ml-data-read";

    private static readonly Dictionary<string, Func<IIam, CancellationToken, Task>> Calls = new()
    {
        ["GetUser"] = (iam, ct) => iam.GetUserAsync("alice", ct),
        ["ListUsers"] = (iam, ct) => iam.ListUsersAsync(ct),
        ["GetRole"] = (iam, ct) => iam.GetRoleAsync("ml-training-role", ct),
        ["GetInstanceProfile"] = (iam, ct) => iam.GetInstanceProfileRolesAsync("gpu-training-profile", ct),
        ["ListUserTags"] = (iam, ct) => iam.ListUserTagsAsync("alice", ct),
        ["ListRoleTags"] = (iam, ct) => iam.ListRoleTagsAsync("ml-training-role", ct),
        ["ListAccessKeys"] = (iam, ct) => iam.ListAccessKeysAsync("alice", ct),
        ["GetAccessKeyLastUsed"] = (iam, ct) => iam.GetAccessKeyOwnerAsync("AKIAIOSFODNN7EXAMPLE", ct),
        ["UpdateAccessKey"] = (iam, ct) => iam.UpdateAccessKeyAsync("alice", "AKIAIOSFODNN7EXAMPLE", AccessKeyStatus.Inactive, ct),
        ["CreateAccessKey"] = (iam, ct) => iam.CreateAccessKeyAsync("alice", ct),
        ["DeleteAccessKey"] = (iam, ct) => iam.DeleteAccessKeyAsync("alice", "AKIAIOSFODNN7EXAMPLE", ct),
        ["PutUserPolicy"] = (iam, ct) => iam.PutUserPolicyAsync("alice", Revoke, Policy, ct),
        ["GetUserPolicy"] = (iam, ct) => iam.GetUserPolicyAsync("alice", Revoke, ct),
        ["DeleteUserPolicy"] = (iam, ct) => iam.DeleteUserPolicyAsync("alice", Revoke, ct),
        ["PutRolePolicy"] = (iam, ct) => iam.PutRolePolicyAsync("ml-training-role", Revoke, Policy, ct),
        ["GetRolePolicy"] = (iam, ct) => iam.GetRolePolicyAsync("ml-training-role", Revoke, ct),
        ["DeleteRolePolicy"] = (iam, ct) => iam.DeleteRolePolicyAsync("ml-training-role", Revoke, ct),
        ["PutGroupPolicy"] = (iam, ct) => iam.PutGroupPolicyAsync("data-science", Revoke, Policy, ct),
        ["GetGroupPolicy"] = (iam, ct) => iam.GetGroupPolicyAsync("data-science", Revoke, ct),
        ["DeleteGroupPolicy"] = (iam, ct) => iam.DeleteGroupPolicyAsync("data-science", Revoke, ct),
        ["AttachUserPolicy"] = (iam, ct) => iam.AttachUserPolicyAsync("alice", DenyAll, ct),
        ["DetachUserPolicy"] = (iam, ct) => iam.DetachUserPolicyAsync("alice", DenyAll, ct),
        ["ListAttachedUserPolicies"] = (iam, ct) => iam.ListAttachedUserPoliciesAsync("alice", ct),
        ["AttachRolePolicy"] = (iam, ct) => iam.AttachRolePolicyAsync("ml-training-role", DenyAll, ct),
        ["DetachRolePolicy"] = (iam, ct) => iam.DetachRolePolicyAsync("ml-training-role", DenyAll, ct),
        ["ListAttachedRolePolicies"] = (iam, ct) => iam.ListAttachedRolePoliciesAsync("ml-training-role", ct),
        ["AttachGroupPolicy"] = (iam, ct) => iam.AttachGroupPolicyAsync("data-science", DenyAll, ct),
        ["DetachGroupPolicy"] = (iam, ct) => iam.DetachGroupPolicyAsync("data-science", DenyAll, ct),
        ["ListAttachedGroupPolicies"] = (iam, ct) => iam.ListAttachedGroupPoliciesAsync("data-science", ct),
        ["CreatePolicy"] = (iam, ct) => iam.CreatePolicyAsync("remediation-deny-all", "/", Policy, "Deny everything", ct),
        ["GetPolicy"] = (iam, ct) => iam.GetPolicyAsync(CustomerPolicy, ct),
        ["GetPolicyVersion"] = (iam, ct) => iam.GetPolicyVersionAsync(CustomerPolicy, "v1", ct),
        ["ListPolicyVersions"] = (iam, ct) => iam.ListPolicyVersionsAsync(CustomerPolicy, ct),
        ["SetDefaultPolicyVersion"] = (iam, ct) => iam.SetDefaultPolicyVersionAsync(CustomerPolicy, "v1", ct),
        ["ListGroupPolicies"] = (iam, ct) => iam.ListGroupPoliciesAsync("data-science", ct),
        ["ListGroupsForUser"] = (iam, ct) => iam.ListGroupsForUserAsync("alice", ct),
        ["ListAccountAliases"] = (iam, ct) => iam.GetAccountAliasAsync(ct),
        ["AddUserToGroup"] = (iam, ct) => iam.AddUserToGroupAsync("data-science", "alice", ct),
        ["RemoveUserFromGroup"] = (iam, ct) => iam.RemoveUserFromGroupAsync("data-science", "alice", ct),
        ["GetLoginProfile"] = (iam, ct) => iam.HasLoginProfileAsync("alice", ct),
        ["DeleteLoginProfile"] = (iam, ct) => iam.DeleteLoginProfileAsync("alice", ct),
    };

    public static TheoryData<string, string> BotocoreBodies => new()
    {
        { "GetUser", "Action=GetUser&Version=2010-05-08&UserName=alice" },
        { "ListUsers", "Action=ListUsers&Version=2010-05-08" },
        { "GetRole", "Action=GetRole&Version=2010-05-08&RoleName=ml-training-role" },
        { "GetInstanceProfile", "Action=GetInstanceProfile&Version=2010-05-08&InstanceProfileName=gpu-training-profile" },
        { "ListUserTags", "Action=ListUserTags&Version=2010-05-08&UserName=alice" },
        { "ListRoleTags", "Action=ListRoleTags&Version=2010-05-08&RoleName=ml-training-role" },
        { "ListAccessKeys", "Action=ListAccessKeys&Version=2010-05-08&UserName=alice" },
        { "GetAccessKeyLastUsed", "Action=GetAccessKeyLastUsed&Version=2010-05-08&AccessKeyId=AKIAIOSFODNN7EXAMPLE" },
        { "UpdateAccessKey", "Action=UpdateAccessKey&Version=2010-05-08&UserName=alice&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Inactive" },
        { "CreateAccessKey", "Action=CreateAccessKey&Version=2010-05-08&UserName=alice" },
        { "DeleteAccessKey", "Action=DeleteAccessKey&Version=2010-05-08&UserName=alice&AccessKeyId=AKIAIOSFODNN7EXAMPLE" },
        { "PutUserPolicy", "Action=PutUserPolicy&Version=2010-05-08&UserName=alice&PolicyName=AWSRevokeOlderSessions&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Deny%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%2C%22Condition%22%3A%7B%22DateLessThan%22%3A%7B%22aws%3ATokenIssueTime%22%3A%222026-11-26T15%3A00%3A00Z%22%7D%7D%7D%5D%7D" },
        { "GetUserPolicy", "Action=GetUserPolicy&Version=2010-05-08&UserName=alice&PolicyName=AWSRevokeOlderSessions" },
        { "DeleteUserPolicy", "Action=DeleteUserPolicy&Version=2010-05-08&UserName=alice&PolicyName=AWSRevokeOlderSessions" },
        { "PutRolePolicy", "Action=PutRolePolicy&Version=2010-05-08&RoleName=ml-training-role&PolicyName=AWSRevokeOlderSessions&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Deny%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%2C%22Condition%22%3A%7B%22DateLessThan%22%3A%7B%22aws%3ATokenIssueTime%22%3A%222026-11-26T15%3A00%3A00Z%22%7D%7D%7D%5D%7D" },
        { "GetRolePolicy", "Action=GetRolePolicy&Version=2010-05-08&RoleName=ml-training-role&PolicyName=AWSRevokeOlderSessions" },
        { "DeleteRolePolicy", "Action=DeleteRolePolicy&Version=2010-05-08&RoleName=ml-training-role&PolicyName=AWSRevokeOlderSessions" },
        { "PutGroupPolicy", "Action=PutGroupPolicy&Version=2010-05-08&GroupName=data-science&PolicyName=AWSRevokeOlderSessions&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Deny%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%2C%22Condition%22%3A%7B%22DateLessThan%22%3A%7B%22aws%3ATokenIssueTime%22%3A%222026-11-26T15%3A00%3A00Z%22%7D%7D%7D%5D%7D" },
        { "GetGroupPolicy", "Action=GetGroupPolicy&Version=2010-05-08&GroupName=data-science&PolicyName=AWSRevokeOlderSessions" },
        { "DeleteGroupPolicy", "Action=DeleteGroupPolicy&Version=2010-05-08&GroupName=data-science&PolicyName=AWSRevokeOlderSessions" },
        { "AttachUserPolicy", "Action=AttachUserPolicy&Version=2010-05-08&UserName=alice&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAWSDenyAll" },
        { "DetachUserPolicy", "Action=DetachUserPolicy&Version=2010-05-08&UserName=alice&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAWSDenyAll" },
        { "ListAttachedUserPolicies", "Action=ListAttachedUserPolicies&Version=2010-05-08&UserName=alice" },
        { "AttachRolePolicy", "Action=AttachRolePolicy&Version=2010-05-08&RoleName=ml-training-role&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAWSDenyAll" },
        { "DetachRolePolicy", "Action=DetachRolePolicy&Version=2010-05-08&RoleName=ml-training-role&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAWSDenyAll" },
        { "ListAttachedRolePolicies", "Action=ListAttachedRolePolicies&Version=2010-05-08&RoleName=ml-training-role" },
        { "AttachGroupPolicy", "Action=AttachGroupPolicy&Version=2010-05-08&GroupName=data-science&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAWSDenyAll" },
        { "DetachGroupPolicy", "Action=DetachGroupPolicy&Version=2010-05-08&GroupName=data-science&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAWSDenyAll" },
        { "ListAttachedGroupPolicies", "Action=ListAttachedGroupPolicies&Version=2010-05-08&GroupName=data-science" },
        { "CreatePolicy", "Action=CreatePolicy&Version=2010-05-08&PolicyName=remediation-deny-all&Path=%2F&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Deny%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%2C%22Condition%22%3A%7B%22DateLessThan%22%3A%7B%22aws%3ATokenIssueTime%22%3A%222026-11-26T15%3A00%3A00Z%22%7D%7D%7D%5D%7D&Description=Deny+everything" },
        { "GetPolicy", "Action=GetPolicy&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fml-data-read" },
        { "GetPolicyVersion", "Action=GetPolicyVersion&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fml-data-read&VersionId=v1" },
        { "ListPolicyVersions", "Action=ListPolicyVersions&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fml-data-read" },
        { "SetDefaultPolicyVersion", "Action=SetDefaultPolicyVersion&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fml-data-read&VersionId=v1" },
        { "ListGroupPolicies", "Action=ListGroupPolicies&Version=2010-05-08&GroupName=data-science" },
        { "ListGroupsForUser", "Action=ListGroupsForUser&Version=2010-05-08&UserName=alice" },
        { "ListAccountAliases", "Action=ListAccountAliases&Version=2010-05-08" },
        { "AddUserToGroup", "Action=AddUserToGroup&Version=2010-05-08&GroupName=data-science&UserName=alice" },
        { "RemoveUserFromGroup", "Action=RemoveUserFromGroup&Version=2010-05-08&GroupName=data-science&UserName=alice" },
        { "GetLoginProfile", "Action=GetLoginProfile&Version=2010-05-08&UserName=alice" },
        { "DeleteLoginProfile", "Action=DeleteLoginProfile&Version=2010-05-08&UserName=alice" },
    };

    [Theory]
    [MemberData(nameof(BotocoreBodies))]
    public async Task Body_matches_botocore(string operation, string expectedBody)
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk(EmptyResponse(operation));

        await Calls[operation](aws.Factory.Iam, CancellationToken.None);

        var request = aws.Single;
        Assert.Equal(expectedBody, request.Body);
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://iam.amazonaws.com/", request.Uri.ToString());
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
    }

    [Fact]
    public void Every_interface_operation_has_a_botocore_case()
    {
        var cased = BotocoreBodies.Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(typeof(IIam).GetMethods().Length, Calls.Count);
        Assert.Equal(Calls.Keys.Order(), cased.Order());
    }

    [Fact]
    public async Task Marker_is_sent_escaped_as_botocore_does()
    {
        using var aws = new TestAws();
        aws.Handler
            .ThenOk(KeysPage(truncated: true, marker: "page+2/=="))
            .ThenOk(KeysPage(truncated: false, marker: null));

        await aws.Factory.Iam.ListAccessKeysAsync("alice", CancellationToken.None);

        Assert.Equal("Action=ListAccessKeys&Version=2010-05-08&UserName=alice&Marker=page%2B2%2F%3D%3D", aws.Handler.Requests[1].Body);
    }

    internal static string KeysPage(bool truncated, string? marker) => $"""
        <ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <ListAccessKeysResult>
            <AccessKeyMetadata/>
            <IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>
            {(marker is null ? "" : $"<Marker>{marker}</Marker>")}
          </ListAccessKeysResult>
          <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
        </ListAccessKeysResponse>
        """;

    // Minimal valid answers so every call completes; parsing is covered by IamResponseParsingTests.
    private static string EmptyResponse(string operation) => operation switch
    {
        "GetUser" => Wrap(operation, "<User><Path>/</Path><UserName>alice</UserName><UserId>AIDA1</UserId><Arn>arn:aws:iam::111122223333:user/alice</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></User>"),
        "GetInstanceProfile" => Wrap(operation, "<InstanceProfile><InstanceProfileName>gpu-training-profile</InstanceProfileName><Roles><member><Path>/</Path><RoleName>gpu-training-role</RoleName><RoleId>AROA2</RoleId><Arn>arn:aws:iam::111122223333:role/gpu-training-role</Arn></member></Roles></InstanceProfile>"),
        "GetRole" => Wrap(operation, "<Role><Path>/</Path><RoleName>ml-training-role</RoleName><RoleId>AROA1</RoleId><Arn>arn:aws:iam::111122223333:role/ml-training-role</Arn></Role>"),
        "CreateAccessKey" => Wrap(operation, "<AccessKey><UserName>alice</UserName><AccessKeyId>AKIANEW</AccessKeyId><Status>Active</Status><SecretAccessKey>s</SecretAccessKey></AccessKey>"),
        "GetPolicy" => Wrap(operation, "<Policy><PolicyName>ml-data-read</PolicyName><Arn>arn:aws:iam::123456789012:policy/ml-data-read</Arn><DefaultVersionId>v1</DefaultVersionId></Policy>"),
        "GetPolicyVersion" => Wrap(operation, "<PolicyVersion><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>"),
        "CreatePolicy" => Wrap(operation, "<Policy><PolicyName>remediation-deny-all</PolicyName><Arn>arn:aws:iam::111122223333:policy/remediation-deny-all</Arn></Policy>"),
        _ => Wrap(operation, "<IsTruncated>false</IsTruncated>"),
    };

    private static string Wrap(string operation, string result) =>
        $"<{operation}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><{operation}Result>{result}</{operation}Result></{operation}Response>";
}
