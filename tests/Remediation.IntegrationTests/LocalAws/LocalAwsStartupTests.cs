namespace Remediation.IntegrationTests.LocalAws;

[Collection("LocalAws")]
public sealed class LocalAwsStartupTests(LocalAwsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Ready_line_names_a_loopback_endpoint_on_a_real_port()
    {
        Assert.Matches(@"^READY http://127\.0\.0\.1:\d+$", fixture.ReadyLine);
        Assert.Equal("127.0.0.1", fixture.Endpoint.Host);
        Assert.InRange(fixture.Endpoint.Port, 1, 65535);
        Assert.Equal(fixture.EndpointUrl, $"http://127.0.0.1:{fixture.Endpoint.Port}");
        Assert.True(File.Exists(Path.Combine(fixture.RepoRoot, "Remediation.sln")));
    }

    [Fact]
    public async Task Emulation_answers_signed_aws_cli_calls()
    {
        using var identity = await AwsCli.JsonAsync(fixture.EndpointUrl, "sts", "get-caller-identity");

        Assert.Equal("123456789012", identity.RootElement.GetProperty("Account").GetString());
    }
}
