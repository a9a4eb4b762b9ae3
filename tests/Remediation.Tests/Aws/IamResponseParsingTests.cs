using System.Net;
using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;

namespace Remediation.Tests.Aws;

public sealed class IamResponseParsingTests
{
    private const string Ns = "https://iam.amazonaws.com/doc/2010-05-08/";

    private const string NoSuchEntity = """
        <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user policy with name x cannot be found.</Message></Error>
          <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
        </ErrorResponse>
        """;

    [Theory]
    [InlineData(Ns)]
    [InlineData("")]
    public async Task GetUser_reads_the_user_with_or_without_namespace(string ns)
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk($"""
            <GetUserResponse xmlns="{ns}">
              <GetUserResult>
                <User>
                  <Path>/ml/</Path><UserName>alice</UserName><UserId>AIDAW6MN5QPJPMC7R4QBE</UserId>
                  <Arn>arn:aws:iam::111122223333:user/ml/alice</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate>
                </User>
              </GetUserResult>
              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </GetUserResponse>
            """);

        var user = await aws.Factory.Iam.GetUserAsync("alice", CancellationToken.None);

        Assert.Equal(new IamUser("alice", "AIDAW6MN5QPJPMC7R4QBE", "arn:aws:iam::111122223333:user/ml/alice", "/ml/"), user);
    }

    [Fact]
    public async Task ListAccessKeys_follows_Marker_while_IsTruncated_and_reads_every_member()
    {
        using var aws = new TestAws();
        aws.Handler
            .ThenOk($"""
                <ListAccessKeysResponse xmlns="{Ns}"><ListAccessKeysResult>
                  <AccessKeyMetadata><member><UserName>alice</UserName><AccessKeyId>AKIA1</AccessKeyId><Status>Active</Status><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></AccessKeyMetadata>
                  <IsTruncated>true</IsTruncated><Marker>m2</Marker>
                </ListAccessKeysResult></ListAccessKeysResponse>
                """)
            .ThenOk($"""
                <ListAccessKeysResponse xmlns="{Ns}"><ListAccessKeysResult>
                  <AccessKeyMetadata><member><UserName>alice</UserName><AccessKeyId>AKIA2</AccessKeyId><Status>Inactive</Status></member></AccessKeyMetadata>
                  <IsTruncated>false</IsTruncated>
                </ListAccessKeysResult></ListAccessKeysResponse>
                """);

        var keys = await aws.Factory.Iam.ListAccessKeysAsync("alice", CancellationToken.None);

        Assert.Equal(
            [
                new AccessKeyMetadata("alice", "AKIA1", AccessKeyStatus.Active, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)),
                new AccessKeyMetadata("alice", "AKIA2", AccessKeyStatus.Inactive, null),
            ],
            keys);
        Assert.EndsWith("&Marker=m2", aws.Handler.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_list_result_gives_an_empty_list()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk($"""<ListUsersResponse xmlns="{Ns}"><ListUsersResult><Users/><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>""");

        Assert.Empty(await aws.Factory.Iam.ListUsersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetRole_url_decodes_the_trust_policy()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk($"""
            <GetRoleResponse xmlns="{Ns}"><GetRoleResult><Role>
              <Path>/</Path><RoleName>ml-training-role</RoleName><RoleId>AROA1</RoleId>
              <Arn>arn:aws:iam::111122223333:role/ml-training-role</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate>
              <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22sagemaker.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>
            </Role></GetRoleResult></GetRoleResponse>
            """);

        var role = await aws.Factory.Iam.GetRoleAsync("ml-training-role", CancellationToken.None);

        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", role.AssumeRolePolicyDocument);
        Assert.Equal("AROA1", role.RoleId);
    }

    [Theory]
    [InlineData("User")]
    [InlineData("Role")]
    [InlineData("Group")]
    public async Task Get_inline_policy_url_decodes_the_document(string kind)
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk($"""
            <Get{kind}PolicyResponse xmlns="{Ns}"><Get{kind}PolicyResult>
              <{kind}Name>p</{kind}Name><PolicyName>quarantine</PolicyName>
              <PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D</PolicyDocument>
            </Get{kind}PolicyResult></Get{kind}PolicyResponse>
            """);

        var document = await GetPolicy(aws.Factory.Iam, kind);

        Assert.Equal("""{"Version":"2012-10-17","Statement":[]}""", document);
    }

    [Theory]
    [InlineData("User")]
    [InlineData("Role")]
    [InlineData("Group")]
    public async Task Get_inline_policy_is_null_on_NoSuchEntity(string kind)
    {
        using var aws = new TestAws();
        aws.Handler.Then(HttpStatusCode.NotFound, NoSuchEntity);

        Assert.Null(await GetPolicy(aws.Factory.Iam, kind));
    }

    [Fact]
    public async Task Other_errors_from_Get_inline_policy_are_thrown()
    {
        using var aws = new TestAws();
        aws.Handler.Then(HttpStatusCode.Forbidden, NoSuchEntity.Replace("NoSuchEntity", "AccessDenied", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Factory.Iam.GetUserPolicyAsync("alice", "p", CancellationToken.None));
        Assert.Equal("AccessDenied", error.ErrorCode);
    }

    [Fact]
    public async Task HasLoginProfile_is_false_on_NoSuchEntity_and_true_on_success()
    {
        using var aws = new TestAws();
        aws.Handler
            .Then(HttpStatusCode.NotFound, NoSuchEntity)
            .ThenOk($"""<GetLoginProfileResponse xmlns="{Ns}"><GetLoginProfileResult><LoginProfile><UserName>alice</UserName><CreateDate>2024-01-01T00:00:00Z</CreateDate></LoginProfile></GetLoginProfileResult></GetLoginProfileResponse>""");

        Assert.False(await aws.Factory.Iam.HasLoginProfileAsync("alice", CancellationToken.None));
        Assert.True(await aws.Factory.Iam.HasLoginProfileAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task CreateAccessKey_reads_the_secret_and_ToString_hides_it()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk($"""
            <CreateAccessKeyResponse xmlns="{Ns}"><CreateAccessKeyResult><AccessKey>
              <UserName>alice</UserName><AccessKeyId>AKIANEW</AccessKeyId><Status>Active</Status>
              <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey><CreateDate>2024-01-01T00:00:00Z</CreateDate>
            </AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>
            """);

        var key = await aws.Factory.Iam.CreateAccessKeyAsync("alice", CancellationToken.None);

        Assert.Equal(new NewAccessKey("alice", "AKIANEW", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"), key);
        Assert.DoesNotContain("wJalr", key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_and_attached_policies_are_read_across_pages()
    {
        using var aws = new TestAws();
        aws.Handler
            .ThenOk($"""<ListRoleTagsResponse xmlns="{Ns}"><ListRoleTagsResult><Tags><member><Key>remediation:exempt</Key><Value>true</Value></member></Tags><IsTruncated>true</IsTruncated><Marker>2</Marker></ListRoleTagsResult></ListRoleTagsResponse>""")
            .ThenOk($"""<ListRoleTagsResponse xmlns="{Ns}"><ListRoleTagsResult><Tags><member><Key>team</Key><Value></Value></member></Tags><IsTruncated>false</IsTruncated></ListRoleTagsResult></ListRoleTagsResponse>""")
            .ThenOk($"""<ListAttachedRolePoliciesResponse xmlns="{Ns}"><ListAttachedRolePoliciesResult><AttachedPolicies><member><PolicyName>AmazonSageMakerFullAccess</PolicyName><PolicyArn>arn:aws:iam::aws:policy/AmazonSageMakerFullAccess</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult></ListAttachedRolePoliciesResponse>""");

        var tags = await aws.Factory.Iam.ListRoleTagsAsync("r", CancellationToken.None);
        var attached = await aws.Factory.Iam.ListAttachedRolePoliciesAsync("r", CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["remediation:exempt"] = "true", ["team"] = "" }, tags);
        Assert.Equal([new AttachedPolicy("AmazonSageMakerFullAccess", "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")], attached);
    }

    [Fact]
    public async Task Operations_without_output_accept_a_metadata_only_response()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk($"""<UpdateAccessKeyResponse xmlns="{Ns}"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>""");

        await aws.Factory.Iam.UpdateAccessKeyAsync("alice", "AKIA1", AccessKeyStatus.Inactive, CancellationToken.None);

        Assert.Single(aws.Handler.Requests);
    }

    private static Task<string?> GetPolicy(IIam iam, string kind) => kind switch
    {
        "User" => iam.GetUserPolicyAsync("p", "quarantine", CancellationToken.None),
        "Role" => iam.GetRolePolicyAsync("p", "quarantine", CancellationToken.None),
        _ => iam.GetGroupPolicyAsync("p", "quarantine", CancellationToken.None),
    };

    [Fact]
    public async Task GetPolicyVersion_url_decodes_the_document_and_reads_the_default_flag()
    {
        using var aws = new TestAws();
        // The shape of the GetPolicyVersion example in the IAM API Reference.
        aws.Handler.ThenOk($"""
            <GetPolicyVersionResponse xmlns="{Ns}"><GetPolicyVersionResult><PolicyVersion>
              <Document>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D</Document>
              <IsDefaultVersion>true</IsDefaultVersion><VersionId>v2</VersionId><CreateDate>2024-01-01T00:00:00Z</CreateDate>
            </PolicyVersion></GetPolicyVersionResult></GetPolicyVersionResponse>
            """);

        var version = await aws.Factory.Iam.GetPolicyVersionAsync("arn:aws:iam::123456789012:policy/p", "v2", CancellationToken.None);

        Assert.Equal(new PolicyVersion("v2", true, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""), version);
    }

    [Fact]
    public async Task ListPolicyVersions_and_the_group_lists_read_every_member()
    {
        using var aws = new TestAws();
        aws.Handler
            .ThenOk($"""
                <ListPolicyVersionsResponse xmlns="{Ns}"><ListPolicyVersionsResult><Versions>
                  <member><IsDefaultVersion>false</IsDefaultVersion><VersionId>v1</VersionId></member>
                  <member><IsDefaultVersion>true</IsDefaultVersion><VersionId>v2</VersionId></member>
                </Versions><IsTruncated>false</IsTruncated></ListPolicyVersionsResult></ListPolicyVersionsResponse>
                """)
            .ThenOk($"""
                <ListGroupPoliciesResponse xmlns="{Ns}"><ListGroupPoliciesResult><PolicyNames>
                  <member>AllS3GetAccess</member><member>KeyPolicy</member>
                </PolicyNames><IsTruncated>false</IsTruncated></ListGroupPoliciesResult></ListGroupPoliciesResponse>
                """)
            .ThenOk($"""
                <ListGroupsForUserResponse xmlns="{Ns}"><ListGroupsForUserResult><Groups>
                  <member><Path>/</Path><GroupName>Admins</GroupName><GroupId>AGPA1</GroupId><Arn>arn:aws:iam::123456789012:group/Admins</Arn></member>
                </Groups><IsTruncated>false</IsTruncated></ListGroupsForUserResult></ListGroupsForUserResponse>
                """);

        var versions = await aws.Factory.Iam.ListPolicyVersionsAsync("arn:aws:iam::123456789012:policy/p", CancellationToken.None);
        var inline = await aws.Factory.Iam.ListGroupPoliciesAsync("Admins", CancellationToken.None);
        var groups = await aws.Factory.Iam.ListGroupsForUserAsync("alice", CancellationToken.None);

        Assert.Equal([new PolicyVersion("v1", false, null), new PolicyVersion("v2", true, null)], versions);
        Assert.Equal(["AllS3GetAccess", "KeyPolicy"], inline);
        Assert.Equal(["Admins"], groups);
    }
}
