using System.Xml.Linq;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Remediation.IntegrationTests.LocalAws;

[Collection("LocalAws")]
public sealed class SeedTests(LocalAwsFixture fixture) : IAsyncLifetime
{
    private const string World = """
        {
          "policies": [ { "name": "ml-data-read", "document": { "Version": "2012-10-17",
              "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] } } ],
          "groups": [ { "name": "ml-engineers" } ],
          "users": [ {
              "name": "alice", "tags": { "team": "ml" },
              "accessKeys": [ { "id": "AKIAALICEKEY0000001", "secret": "not-a-real-secret-1", "status": "Active" },
                              { "id": "AKIAALICEKEY0000002", "secret": "not-a-real-secret-2", "status": "Inactive" } ],
              "attachedPolicies": [ "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::123456789012:policy/ml-data-read" ],
              "inlinePolicies": { "deny-all": { "Version": "2012-10-17",
                  "Statement": [ { "Effect": "Deny", "Action": "*", "Resource": "*" } ] } },
              "groups": [ "ml-engineers" ],
              "loginProfile": true
          } ],
          "roles": [ { "name": "ml-training-ec2-role", "tags": { "env": "prod" },
              "trustPolicy": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow",
                  "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" } ] } } ],
          "buckets": [ { "name": "ml-training-data", "versioning": true,
              "objects": [ { "key": "datasets/train.csv", "body": "a,b\n1,2\n", "versionId": "fixedVersion0001", "tags": { "stage": "raw" } } ] } ],
          "kmsKeys": [ { "id": "1234abcd-12ab-34cd-56ef-1234567890ab", "description": "ml artifacts",
                         "rotationEnabled": true, "alias": "alias/ml-artifacts" } ],
          "topics": [ "security-alerts" ]
        }
        """;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Seed_response_lists_what_was_created_with_the_given_ids()
    {
        using var created = await fixture.SeedAsync(World);
        var root = created.RootElement.GetProperty("created");

        Assert.Equal(["AKIAALICEKEY0000001", "AKIAALICEKEY0000002"],
            root.GetProperty("accessKeys").EnumerateArray().Select(k => k.GetProperty("accessKeyId").GetString()));
        Assert.Equal("arn:aws:iam::123456789012:user/alice", root.GetProperty("users")[0].GetProperty("arn").GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/ml-training-ec2-role", root.GetProperty("roles")[0].GetProperty("arn").GetString());
        Assert.Equal("fixedVersion0001", root.GetProperty("objectVersions").GetProperty("ml-training-data/datasets/train.csv").GetString());
        Assert.Equal("1234abcd-12ab-34cd-56ef-1234567890ab", root.GetProperty("kmsKeys")[0].GetProperty("keyId").GetString());
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:security-alerts", root.GetProperty("topics")[0].GetProperty("arn").GetString());
    }

    [Fact]
    public async Task Seeded_access_keys_keep_their_ids_and_statuses_for_the_aws_cli()
    {
        using var _ = await fixture.SeedAsync(World);

        using var keys = await AwsCli.JsonAsync(fixture.EndpointUrl, "iam", "list-access-keys", "--user-name", "alice");
        var byId = keys.RootElement.GetProperty("AccessKeyMetadata").EnumerateArray()
            .ToDictionary(k => k.GetProperty("AccessKeyId").GetString()!, k => k.GetProperty("Status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["AKIAALICEKEY0000001"] = "Active", ["AKIAALICEKEY0000002"] = "Inactive" }, byId);

        // moto resolves a request's caller from its access key id: the seeded id must belong to alice.
        var (exitCode, stdout, stderr) = await AwsCli.RunAsAsync(fixture.EndpointUrl, "AKIAALICEKEY0000001", "sts", "get-caller-identity");
        Assert.True(exitCode == 0, stderr);
        Assert.Equal("arn:aws:iam::123456789012:user/alice", JsonDocument.Parse(stdout).RootElement.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task Seeded_iam_policies_groups_tags_trust_and_login_profile_are_visible()
    {
        using var _ = await fixture.SeedAsync(World);
        using var aws = new RawAwsRequests(fixture.Endpoint);

        var attached = await IamAsync(aws, "ListAttachedUserPolicies", ("UserName", "alice"));
        Assert.Equal(["arn:aws:iam::123456789012:policy/ml-data-read", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
            Values(attached, "PolicyArn").Order(StringComparer.Ordinal));
        Assert.Equal(["deny-all"], Values(await IamAsync(aws, "ListUserPolicies", ("UserName", "alice")), "member"));
        Assert.Equal(["ml-engineers"], Values(await IamAsync(aws, "ListGroupsForUser", ("UserName", "alice")), "GroupName"));
        Assert.Equal(["team"], Values(await IamAsync(aws, "ListUserTags", ("UserName", "alice")), "Key"));
        Assert.Equal(["alice"], Values(await IamAsync(aws, "GetLoginProfile", ("UserName", "alice")), "UserName"));

        var role = await IamAsync(aws, "GetRole", ("RoleName", "ml-training-ec2-role"));
        var trust = Uri.UnescapeDataString(Values(role, "AssumeRolePolicyDocument").Single());
        Assert.Contains("ec2.amazonaws.com", trust, StringComparison.Ordinal);
        Assert.Equal(["env"], Values(role, "Key"));
    }

    [Fact]
    public async Task Seeded_object_version_and_kms_key_ids_are_used_exactly()
    {
        using var _ = await fixture.SeedAsync(World);
        var credentials = new BasicAWSCredentials("testing", "testing");
        using var s3 = new AmazonS3Client(credentials, new AmazonS3Config
        {
            ServiceURL = fixture.EndpointUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        });
        using var kms = new AmazonKeyManagementServiceClient(credentials, new AmazonKeyManagementServiceConfig
        {
            ServiceURL = fixture.EndpointUrl, AuthenticationRegion = "us-east-1",
        });

        using var obj = await s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = "ml-training-data", Key = "datasets/train.csv", VersionId = "fixedVersion0001",
        });
        using var reader = new StreamReader(obj.ResponseStream);
        Assert.Equal("a,b\n1,2\n", await reader.ReadToEndAsync());
        Assert.Equal("fixedVersion0001", obj.VersionId);
        var tags = await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = "ml-training-data", Key = "datasets/train.csv" });
        Assert.Equal("raw", Assert.Single(tags.Tagging).Value);

        var key = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/ml-artifacts" });
        Assert.Equal("1234abcd-12ab-34cd-56ef-1234567890ab", key.KeyMetadata.KeyId);
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", key.KeyMetadata.Arn);
        var rotation = await kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab" });
        Assert.True(rotation.KeyRotationEnabled);
    }

    [Fact]
    public async Task Malformed_seed_is_rejected_with_a_message_naming_the_member()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => fixture.SeedAsync("""{ "users": [ { "path": "/" } ] }"""));
        Assert.Contains("(400)", error.Message, StringComparison.Ordinal);
        Assert.Contains("users[0].name is required", error.Message, StringComparison.Ordinal);

        var notJson = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.SeedAsync("{ nope"));
        Assert.Contains("(400)", notJson.Message, StringComparison.Ordinal);
    }

    private static async Task<XDocument> IamAsync(RawAwsRequests aws, string action, params (string Name, string Value)[] parameters)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2010-05-08") };
        form.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        var (status, body) = await aws.QueryAsync("iam", form);
        Assert.True(status == 200, $"{action}: {status} {body}");
        return XDocument.Parse(body);
    }

    private static IEnumerable<string> Values(XDocument document, string localName) =>
        document.Descendants().Where(e => e.Name.LocalName == localName && !e.HasElements).Select(e => e.Value);
}
