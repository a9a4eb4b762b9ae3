using System.Diagnostics;

namespace Remediation.IntegrationTests.Cli;

/// <summary>The CLI packed and installed as the `remediate` .NET tool works outside a checkout, as notifications print it.</summary>
[Collection("LocalAws")]
public sealed class RemediateToolTests(LocalAwsFixture fixture)
{
    [Fact]
    public async Task The_installed_tool_lists_and_rolls_back_an_incident_from_any_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), $"remediate-tool-{Guid.NewGuid():N}");
        try
        {
            Run("dotnet", fixture.RepoRoot, "pack", Path.Combine("tools", "Remediate"), "-c", "Release", "-o", Path.Combine(root, "pkg"), "-nologo");
            Run("dotnet", fixture.RepoRoot, "tool", "install", "Remediate", "--tool-path", Path.Combine(root, "bin"), "--add-source", Path.Combine(root, "pkg"));

            await fixture.ResetAsync();
            var drill = await RemediateCli.RunAsync(fixture.RepoRoot, "drill", "events/cloudtrail/iam-attach-user-policy-admin.json",
                "--endpoint-url", fixture.EndpointUrl, "--world", "events/world.json", "--env", "REMEDIATION_MODE=enforce", "--json");
            Assert.Equal(0, drill.ExitCode);
            using var report = JsonDocument.Parse(drill.Stdout);
            var result = report.RootElement.GetProperty("results")[0];
            var incident = result.GetProperty("incidentId").GetString()!;

            var elsewhere = Directory.CreateDirectory(Path.Combine(root, "elsewhere")).FullName;
            var tool = Path.Combine(root, "bin", "remediate");
            Assert.Contains(incident, Run(tool, elsewhere, "incidents", "--endpoint-url", fixture.EndpointUrl), StringComparison.Ordinal);
            var rollback = Run(tool, elsewhere, "rollback", incident, "--endpoint-url", fixture.EndpointUrl, "--table", "remediation-ledger");
            Assert.Contains("RolledBack", rollback, StringComparison.Ordinal);
            Assert.Contains("attached arn:aws:iam::aws:policy/AdministratorAccess to user intern-sam", rollback, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static string Run(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(4)), $"{file} {string.Join(' ', args)} did not finish");
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
