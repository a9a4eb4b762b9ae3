using System.Diagnostics;
using System.Reflection.PortableExecutable;
using Remediation.Tool.Template;

namespace Remediation.IntegrationTests.Deploy;

/// <summary>
/// The published packages load as the managed dotnet10 runtime loads them (tests/LambdaRuntimeHost: handler string,
/// dependencies from the package's own .deps.json, public parameterless constructor, Task&lt;Stream&gt; HandleAsync(Stream))
/// and handle one event against the emulation with the environment template.yaml gives them.
/// </summary>
[Collection("LocalAws")]
public sealed class PackagesLoadTests(LocalAwsFixture fixture, PublishedPackages packages) : IClassFixture<PublishedPackages>, IDisposable
{
    private static readonly string[] HandledOutcomes = ["dry-run", "skipped", "remediated"];
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("Notify", "guardduty/recon-maliciousipcaller-user.json")]
    [InlineData("RevokeIamPermissions", "guardduty/anomalous-behavior-iam-user.json")]
    [InlineData("StopTrainingJob", "cloudtrail/sagemaker-create-training-job-untrusted.json")]
    [InlineData("RotateKeys", "config/access-keys-rotated-noncompliant.json")]
    [InlineData("QuarantineS3Object", "guardduty/malware-object-scan-threats-found.json")]
    [InlineData("IsolateInstance", "guardduty/ec2-cryptocurrency-bitcoin-dns.json")]
    public async Task The_published_package_loads_by_its_handler_string_and_handles_an_event(string function, string eventFile)
    {
        Assert.True(packages.ExitCode == 0, "dotnet publish functions/Lambdas.slnf failed:\n" + packages.Output);
        var template = SamTemplate.Load(Path.Combine(fixture.RepoRoot, "template.yaml"));
        var definition = Router.Named(template, function);
        var folder = packages.FolderOf(Path.GetFileName(definition.CodeUri.TrimEnd('/')));
        var assembly = definition.Handler.Split("::")[0];

        // What Lambda's dotnet10 runtime expects in the package root, ReadyToRun-compiled for linux-x64.
        foreach (var file in new[] { ".dll", ".deps.json", ".runtimeconfig.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, assembly + file)), $"{assembly}{file} missing from {folder}");
        }
        Assert.True(IsReadyToRun(Path.Combine(folder, assembly + ".dll")), $"{assembly}.dll is not ReadyToRun");
        Assert.True(IsReadyToRun(Path.Combine(folder, "Remediation.Core.dll")), "Remediation.Core.dll is not ReadyToRun");
        var size = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
        Assert.InRange(size, 1, 250L * 1024 * 1024); // Lambda's unzipped deployment package limit

        await harness.ResetAsync();
        var options = new DrillOptions("-", function, fixture.EndpointUrl, null, new Dictionary<string, string>(), false, false);
        var environment = FunctionEnvironment.For(definition, template, harness.Stack!, fixture.EndpointUrl, options);
        var (exit, stdout, stderr) = await RunHostAsync(folder, definition.Handler, environment, await harness.EventTextAsync(eventFile));
        Assert.True(exit == 0, $"{function} failed to load or run (exit {exit}):\n{stderr}");
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal(function, result.RootElement.GetProperty("function").GetString());
        Assert.Contains(result.RootElement.GetProperty("outcome").GetString(), HandledOutcomes);
        Assert.NotEmpty(await harness.PublishedAsync());
    }

    /// <summary>Issue 16.1: each package carries the action families its function names, and only their SDKs.</summary>
    [Theory]
    [InlineData("Notify", "")]
    [InlineData("RevokeIamPermissions", "Remediation.Actions.Iam")]
    [InlineData("StopTrainingJob", "Remediation.Actions.SageMaker")]
    [InlineData("QuarantineS3Object", "Remediation.Actions.S3Quarantine Remediation.Actions.SageMaker")]
    [InlineData("RotateKeys", "Remediation.Actions.AccessKeys Remediation.Actions.Kms AWSSDK.KeyManagementService AWSSDK.SimpleSystemsManagement")]
    [InlineData("IsolateInstance", "Remediation.Actions.Ec2 Remediation.Actions.Iam AWSSDK.EC2")]
    public void Each_package_ships_only_the_families_and_SDKs_its_function_uses(string function, string expected)
    {
        Assert.True(packages.ExitCode == 0, "dotnet publish functions/Lambdas.slnf failed:\n" + packages.Output);
        var folder = packages.FolderOf(function);
        string[] optional = ["Remediation.Actions.Iam", "Remediation.Actions.AccessKeys", "Remediation.Actions.Kms", "Remediation.Actions.S3Quarantine",
            "Remediation.Actions.SageMaker", "Remediation.Actions.Ec2", "AWSSDK.KeyManagementService", "AWSSDK.SimpleSystemsManagement", "AWSSDK.EC2"];
        var shipped = optional.Where(name => File.Exists(Path.Combine(folder, name + ".dll"))).ToList();
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), shipped.Order(StringComparer.Ordinal));
    }

    private static bool IsReadyToRun(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static async Task<(int, string, string)> RunHostAsync(string folder, string handler, IReadOnlyDictionary<string, string> environment, string eventJson)
    {
        // tests/LambdaRuntimeHost/bin/<configuration>/net10.0/, the configuration this test was built in.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var host = Path.Combine(LocalAwsFixture.FindRepoRoot(), "tests", "LambdaRuntimeHost", "bin", configuration, "net10.0", "LambdaRuntimeHost.dll");
        Assert.True(File.Exists(host), $"{host} is missing: build the solution (dotnet build Remediation.sln)");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(host);
        info.ArgumentList.Add(folder);
        info.ArgumentList.Add(handler);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(eventJson);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }
}
