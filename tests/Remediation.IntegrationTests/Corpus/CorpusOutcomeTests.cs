namespace Remediation.IntegrationTests.Corpus;

/// <summary>
/// Every routed function of every tests/Corpus event, in dry-run through its handler: no crash, the outcome the
/// manifest lists, and nothing written anywhere but the ledger and the topic.
/// </summary>
[Collection(LocalAwsRedeliveriesCollection.Name)]
public sealed class CorpusOutcomeTests(LocalAwsFixture fixture) : IDisposable
{
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    public static TheoryData<string, string, string, string> Runs()
    {
        var data = new TheoryData<string, string, string, string>();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(LocalAwsFixture.FindRepoRoot(), "tests", "Corpus", "manifest.json")));
        foreach (var entry in manifest.RootElement.GetProperty("events").EnumerateArray())
        {
            foreach (var outcome in entry.GetProperty("expect").GetProperty("outcomes").EnumerateObject())
            {
                var expect = entry.GetProperty("expect");
                data.Add(entry.GetProperty("file").GetString()!, outcome.Name, outcome.Value.GetString()!,
                    expect.TryGetProperty("reasonContains", out var reason) ? reason.GetString()! : "");
            }
        }
        return data;
    }

    /// <summary>The runs the manifest also lists under expect.enforce: the world (events/world.json) holds, or lacks, their principals.</summary>
    public static TheoryData<string, string, string> EnforceRuns()
    {
        var data = new TheoryData<string, string, string>();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(LocalAwsFixture.FindRepoRoot(), "tests", "Corpus", "manifest.json")));
        foreach (var entry in manifest.RootElement.GetProperty("events").EnumerateArray())
        {
            if (entry.GetProperty("expect").TryGetProperty("enforce", out var enforce))
            {
                foreach (var outcome in enforce.EnumerateObject())
                {
                    data.Add(entry.GetProperty("file").GetString()!, outcome.Name, outcome.Value.GetString()!);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EnforceRuns))]
    public async Task In_enforce_a_real_event_ends_as_listed_and_writes_only_what_it_names(string file, string function, string outcome)
    {
        await harness.ResetAsync();
        var text = await File.ReadAllTextAsync(Path.Combine(fixture.RepoRoot, "tests", "Corpus", "events", file));
        var invocation = await harness.InvokeAsync(function, text, ("REMEDIATION_MODE", "enforce"));
        Assert.True(outcome == invocation.Outcome.Word(), $"{file} -> {function}: {invocation.Outcome} ({invocation.Result.GetProperty("reason").GetString()})");
        // Every successful write names a principal, policy or key the event names, or is the stack's own deny-all.
        foreach (var write in (await harness.CallsAsync()).Where(c => c.Status == 200 && c.Service is not ("dynamodb" or "sns") && !IsRead(c.Operation)))
        {
            var named = NamingParameters
                .Select(p => write.Parameters.TryGetProperty(p, out var v) ? v.GetString() : null)
                .Where(v => v is not null);
            Assert.All(named, name => Assert.True(text.Contains(name!, StringComparison.Ordinal), $"{write.Service}:{write.Operation} on {name}, which {file} does not name"));
        }
    }

    private static readonly string[] NamingParameters = ["UserName", "RoleName", "GroupName", "KeyId"];

    private static bool IsRead(string operation) =>
        operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal)
        || operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("Head", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_real_event_ends_as_listed_and_dry_run_writes_nothing(string file, string function, string outcome, string reasonContains)
    {
        await harness.ResetAsync();
        var text = await File.ReadAllTextAsync(Path.Combine(fixture.RepoRoot, "tests", "Corpus", "events", file));
        var invocation = await harness.InvokeAsync(function, text, ("REMEDIATION_MODE", "dry-run"));
        var reason = invocation.Result.GetProperty("reason").GetString() ?? "";
        Assert.True(outcome == invocation.Outcome.Word(), $"{file} -> {function}: {invocation.Outcome} ({reason})");
        Assert.Contains(reasonContains, reason, StringComparison.Ordinal);
        var writes = (await harness.CallsAsync())
            .Where(c => c.Service is not ("dynamodb" or "sns"))
            .Where(c => !(c.Operation.StartsWith("Get", StringComparison.Ordinal) || c.Operation.StartsWith("List", StringComparison.Ordinal)
                || c.Operation.StartsWith("Describe", StringComparison.Ordinal) || c.Operation.StartsWith("Head", StringComparison.Ordinal)))
            .Select(c => c.Service + ":" + c.Operation);
        Assert.Empty(writes);
    }
}
