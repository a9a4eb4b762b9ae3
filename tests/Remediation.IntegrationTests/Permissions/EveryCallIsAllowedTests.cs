using Remediation.Tool.Template;

namespace Remediation.IntegrationTests.Permissions;

/// <summary>
/// Every (event, function) pair of events/routes.json, and the documented variants, runs in enforce mode against the
/// emulation; every request it made is then judged against the function's role from template.yaml.
/// </summary>
[Collection("LocalAws")]
public sealed class EveryCallIsAllowedTests(LocalAwsFixture fixture) : IDisposable
{
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    public static TheoryData<string, string, string> Pairs()
    {
        var data = new TheoryData<string, string, string>();
        using var routes = JsonDocument.Parse(File.ReadAllText(Path.Combine(LocalAwsFixture.FindRepoRoot(), "events", "routes.json")));
        foreach (var route in routes.RootElement.GetProperty("routes").EnumerateObject())
        {
            foreach (var function in route.Value.EnumerateArray())
            {
                data.Add(route.Name, function.GetString()!, "");
            }
        }
        // The variants the README documents (configuration that reaches other calls).
        data.Add("guardduty/anomalous-behavior-iam-user.json", "RevokeIamPermissions", "DEACTIVATE_ALL_KEYS=true");
        data.Add("macie/sensitive-data-s3object-personal.json", "QuarantineS3Object", "QUARANTINE_MACIE_FINDINGS=true");
        data.Add("guardduty/malware-object-scan-threats-found.json", "QuarantineS3Object", "QUARANTINE_MULTIPART_THRESHOLD_BYTES=5242880");
        data.Add("cloudtrail/kms-disable-key-rotation.json", "RotateKeys", "KMS_ROTATE_ON_DEMAND=true");
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Every_call_is_allowed_by_the_functions_role(string eventFile, string function, string variant)
    {
        await harness.ResetAsync();
        var env = new List<(string, string)> { ("REMEDIATION_MODE", "enforce") };
        if (variant.Length > 0)
        {
            env.Add((variant.Split('=')[0], variant.Split('=', 2)[1]));
        }
        try
        {
            await harness.InvokeAsync(function, await harness.EventTextAsync(eventFile), [.. env]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed invocation still made calls; their permissions are what this test judges.
        }
        var calls = await harness.CallsAsync();
        var template = SamTemplate.Load(Path.Combine(fixture.RepoRoot, "template.yaml"));
        var refused = await PermissionProof.RefusedAsync(template, function, harness.Stack!, calls, harness.Aws);
        Assert.True(refused.Count == 0, $"{eventFile} ({variant}):\n" + string.Join("\n", refused));
    }
}
