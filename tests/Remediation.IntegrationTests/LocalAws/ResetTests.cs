namespace Remediation.IntegrationTests.LocalAws;

[Collection("LocalAws")]
public sealed class ResetTests(LocalAwsFixture fixture) : IAsyncLifetime
{
    private const string World = """
        { "users": [ { "name": "alice", "accessKeys": [ { "id": "AKIAALICEKEY0000001", "secret": "s1" } ] } ],
          "trainingJobs": [ { "name": "churn-model-2025" } ] }
        """;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reset_drops_aws_state_calls_and_faults_so_the_same_world_can_be_seeded_again()
    {
        using (await fixture.SeedAsync(World)) { }
        using (await AwsCli.JsonAsync(fixture.EndpointUrl, "iam", "list-users")) { }
        await fixture.SetFaultsAsync("""{"faults":[{"service":"iam","operation":"ListUsers","error":"Throttling","count":3}]}""");

        await fixture.ResetAsync();

        Assert.Empty(await fixture.CallsAsync());
        using (var pending = await fixture.PendingFaultsAsync())
        {
            Assert.Empty(pending.RootElement.GetProperty("faults").EnumerateArray());
        }

        using (var users = await AwsCli.JsonAsync(fixture.EndpointUrl, "iam", "list-users"))
        {
            Assert.Empty(users.RootElement.GetProperty("Users").EnumerateArray());
        }

        using var reseeded = await fixture.SeedAsync(World);
        Assert.Equal("AKIAALICEKEY0000001",
            reseeded.RootElement.GetProperty("created").GetProperty("accessKeys")[0].GetProperty("accessKeyId").GetString());
        Assert.Equal(JsonValueKind.Array, reseeded.RootElement.GetProperty("created").GetProperty("trainingJobs").ValueKind);
    }
}
