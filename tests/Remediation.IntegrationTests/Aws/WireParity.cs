using Remediation.Core.Aws;

namespace Remediation.IntegrationTests.Aws;

/// <summary>
/// Sends one logical request through our client and through the AWS CLI to LocalAws, each against a freshly
/// seeded world, and compares the two recorded requests parameter by parameter.
/// </summary>
internal sealed class WireParity(LocalAwsFixture localAws)
{
    public async Task AssertSameRequestAsync(
        string world, string service, string operation, Func<AwsClientFactory, Task> ours, IReadOnlyList<string> cli, bool succeeds = true)
    {
        var mine = await CaptureAsync(world, async () =>
        {
            using var factory = new AwsClientFactory(AwsClientSettings.ForEndpoint(localAws.EndpointUrl));
            try
            {
                await ours(factory);
            }
            catch (AwsServiceException) when (!succeeds)
            {
                // The request is what is compared; the emulation's refusal is expected.
            }
        });
        var theirs = await CaptureAsync(world, async () =>
        {
            var (exitCode, _, error) = await AwsCli.RunAsync(localAws.EndpointUrl, [.. cli]);
            Assert.True(!succeeds || exitCode == 0, $"aws {string.Join(' ', cli)} failed ({exitCode}): {error}");
        });

        Assert.Equal((service, operation), (mine.Service, mine.Operation));
        Assert.Equal((service, operation), (theirs.Service, theirs.Operation));
        Assert.Equal(Flatten(theirs.Parameters), Flatten(mine.Parameters));
        if (succeeds)
        {
            Assert.InRange(mine.Status, 200, 299);
            Assert.InRange(theirs.Status, 200, 299);
        }
    }

    private async Task<RecordedCall> CaptureAsync(string world, Func<Task> send)
    {
        await localAws.ResetAsync();
        (await localAws.SeedAsync(world)).Dispose();
        await localAws.ClearCallsAsync();
        await send();
        var calls = await localAws.CallsAsync();
        return Assert.Single(calls);
    }

    /// <summary>Parameter name → canonical JSON text of its value, sorted by name: a readable diff when they differ.</summary>
    private static SortedDictionary<string, string> Flatten(JsonElement parameters)
    {
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(parameters, "", flat);
        return flat;
    }

    private static void Walk(JsonElement element, string path, SortedDictionary<string, string> flat)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, flat);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", flat);
                }

                break;
            default:
                flat[path] = element.GetRawText();
                break;
        }
    }
}
