namespace Remediation.Tests.Events;

/// <summary>events/world.json is the account the samples talk about: the ids must agree.</summary>
public class WorldConsistencyTests
{
    private static readonly JsonElement World = LoadWorld();

    [Fact]
    public void World_has_the_users_and_keys_the_drills_need()
    {
        Assert.Equal("123456789012", World.GetProperty("account").GetString());
        Assert.Equal(["AKIAQXDATASCIBOB0001"], KeysOf("data-scientist-bob"));
        Assert.Equal(["AKIAETLSERVICE000001", "AKIAETLSERVICE000002"], KeysOf("etl-service-user"));
        Assert.All(User("etl-service-user").GetProperty("accessKeys").EnumerateArray(),
            key => Assert.Equal("Active", key.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Object, User("intern-sam").ValueKind);
    }

    [Fact]
    public void Roles_have_their_trust_and_the_exemption_tag()
    {
        Assert.Equal("ec2.amazonaws.com", TrustedService("ml-training-ec2-role"));
        Assert.Equal("sagemaker.amazonaws.com", TrustedService("sagemaker-exec"));
        Assert.Equal("true", Role("security-admin").GetProperty("tags").GetProperty("remediation:exempt").GetString());
    }

    [Fact]
    public void Training_job_runs_under_sagemaker_exec()
    {
        var job = World.GetProperty("trainingJobs").EnumerateArray().Single(j => j.GetProperty("name").GetString() == "churn-model-2025");
        Assert.Equal("InProgress", job.GetProperty("status").GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/sagemaker-exec", job.GetProperty("roleArn").GetString());
    }

    [Theory]
    [MemberData(nameof(SampleEventTests.EventFiles), MemberType = typeof(SampleEventTests))]
    public void Everything_a_sample_names_exists_in_the_world(string file)
    {
        var finding = SampleEvents.Parse(file).Finding!;
        if (finding.IsSample)
        {
            return; // generated values ("GeneratedFindingUserName") name nothing real, by design
        }

        if (finding.Principal is { Kind: PrincipalKind.IamUser } user)
        {
            Assert.True(user.Name is null || Users().Any(u => Name(u) == user.Name), $"{file}: user {user.Name}");
            Assert.True(user.Name is not null || user.PrincipalId is null || Users().Any(u => u.GetProperty("id").GetString() == user.PrincipalId), $"{file}: user id {user.PrincipalId}");
            Assert.True(user.Name is not null || user.PrincipalId is not null || user.AccessKeyId is not null, $"{file}: the user is named somehow"); // Health names only the key
            // Temporary (ASIA) keys of console and role sessions are not IAM access keys: no world entry.
            Assert.True(user.AccessKeyId is null || user.AccessKeyId.StartsWith("ASIA", StringComparison.Ordinal) || AllKeys().Contains(user.AccessKeyId), $"{file}: key {user.AccessKeyId}");
        }

        if (finding.Principal is { Kind: PrincipalKind.AssumedRole } role && !file.Contains("aws-quarantine", StringComparison.Ordinal))
        {
            Assert.Equal(JsonValueKind.Object, Role(role.Name!).ValueKind);
        }

        switch (finding.Resource)
        {
            case { Kind: ResourceKind.IamUser } r when finding.Source == FindingSource.Config:
                Assert.Contains(Users(), u => u.GetProperty("id").GetString() == r.Id);
                break;
            case { Kind: ResourceKind.IamUser } r:
                Assert.Contains(Users(), u => Name(u) == r.Id);
                if (r.Attributes.TryGetValue("accessKeyId", out var newKey))
                {
                    Assert.Contains(newKey, AllKeys());
                }

                break;
            case { Kind: ResourceKind.IamRole } r:
                Assert.Equal(JsonValueKind.Object, Role(r.Id).ValueKind);
                break;
            case { Kind: ResourceKind.AccessKey } r:
                Assert.True(r.Id.StartsWith("ASIA", StringComparison.Ordinal) || AllKeys().Contains(r.Id), $"{file}: key {r.Id}");
                break;
            case { Kind: ResourceKind.S3Bucket } r:
                Assert.Contains(World.GetProperty("buckets").EnumerateArray(), b => Name(b) == r.Id);
                break;
            case { Kind: ResourceKind.S3Object } r:
                var bucket = World.GetProperty("buckets").EnumerateArray().Single(b => Name(b) == r.Attributes["bucket"]);
                Assert.True(bucket.GetProperty("versioning").GetBoolean());
                Assert.Contains(bucket.GetProperty("objects").EnumerateArray(), o =>
                    o.GetProperty("key").GetString() == r.Attributes["key"]
                    && o.GetProperty("versionId").GetString() == r.Attributes["versionId"]);
                break;
            case { Kind: ResourceKind.TrainingJob } r:
                Assert.Contains(World.GetProperty("trainingJobs").EnumerateArray(), j => Name(j) == r.Id);
                break;
            case { Kind: ResourceKind.KmsKey } r:
                Assert.Contains(World.GetProperty("kmsKeys").EnumerateArray(), k => k.GetProperty("id").GetString() == r.Id);
                break;
        }
    }

    private static JsonElement LoadWorld()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SampleEvents.EventsDirectory, "world.json")));
        return document.RootElement.Clone();
    }

    private static List<JsonElement> Users() => [.. World.GetProperty("users").EnumerateArray()];

    private static JsonElement User(string name) => Users().Single(u => Name(u) == name);

    private static JsonElement Role(string name) =>
        World.GetProperty("roles").EnumerateArray().SingleOrDefault(r => Name(r) == name);

    private static string? Name(JsonElement element) => element.GetProperty("name").GetString();

    private static string[] KeysOf(string user) =>
        [.. User(user).GetProperty("accessKeys").EnumerateArray().Select(k => k.GetProperty("id").GetString() ?? "")];

    private static HashSet<string?> AllKeys() =>
        [.. Users().SelectMany(u => u.GetProperty("accessKeys").EnumerateArray()).Select(k => k.GetProperty("id").GetString())];

    private static string? TrustedService(string role) =>
        Role(role).GetProperty("trustPolicy").GetProperty("Statement")[0].GetProperty("Principal").GetProperty("Service").GetString();
}
