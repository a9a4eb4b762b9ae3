using System.ComponentModel;
using System.Diagnostics;

namespace Remediation.IntegrationTests.LocalAws;

/// <summary>Runs the AWS CLI against the emulation with dummy credentials.</summary>
internal static class AwsCli
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string endpointUrl, params string[] arguments) =>
        RunAsAsync(endpointUrl, "testing", arguments);

    /// <summary>Runs the CLI signing with <paramref name="accessKeyId"/> (moto maps known keys to their user).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsAsync(string endpointUrl, string accessKeyId, params string[] arguments)
    {
        var info = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--endpoint-url");
        info.ArgumentList.Add(endpointUrl);
        info.ArgumentList.Add("--output");
        info.ArgumentList.Add("json");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        info.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        info.Environment["AWS_MAX_ATTEMPTS"] = "1"; // report injected faults instead of retrying them
        info.Environment.Remove("AWS_PROFILE");

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException("The AWS CLI (`aws`) is not on PATH; install it with `python3 -m pip install awscli`.", error);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout, await stderr);
        }
    }

    public static async Task<JsonDocument> JsonAsync(string endpointUrl, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(endpointUrl, arguments);
        Assert.True(exitCode == 0, $"aws {string.Join(' ', arguments)} failed ({exitCode}): {stderr}");
        return JsonDocument.Parse(stdout);
    }
}
