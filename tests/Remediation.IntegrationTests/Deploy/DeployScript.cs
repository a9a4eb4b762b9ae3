using System.Diagnostics;

namespace Remediation.IntegrationTests.Deploy;

/// <summary>tests/Deploy/deploy_to_emulation.py: a template into the emulation's CloudFormation, the report on stdout.</summary>
internal static class DeployScript
{
    public static async Task<string> RunAsync(LocalAwsFixture fixture, string template, string stack, string? account, params string[] parameters)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = fixture.RepoRoot };
        info.ArgumentList.Add(Path.Combine(fixture.RepoRoot, "tests", "Deploy", "deploy_to_emulation.py"));
        info.ArgumentList.Add(fixture.EndpointUrl);
        info.ArgumentList.Add(Path.Combine(fixture.RepoRoot, template));
        info.ArgumentList.Add("--stack");
        info.ArgumentList.Add(stack);
        if (account is not null)
        {
            info.ArgumentList.Add("--account");
            info.ArgumentList.Add(account);
        }
        foreach (var p in parameters)
        {
            info.ArgumentList.Add("--parameter");
            info.ArgumentList.Add(p);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start; install Python 3.11 with boto3 and aws-sam-translator");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"deploy_to_emulation.py {template} failed ({process.ExitCode}):\n{await stderr}");
        return await stdout;
    }
}
