using System.Diagnostics;

namespace Remediation.IntegrationTests.Deploy;

/// <summary>
/// Every function published once, as Amazon.Lambda.Tools publishes it for sam build: Release, linux-x64, framework
/// dependent (functions/Directory.Build.props adds ReadyToRun for that runtime), each into its own folder.
/// </summary>
public sealed class PublishedPackages : IDisposable
{
    public PublishedPackages()
    {
        Root = Path.Combine(Path.GetTempPath(), $"remediation-publish-{Guid.NewGuid():N}");
        var repo = LocalAws.LocalAwsFixture.FindRepoRoot();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repo };
        foreach (var a in new[] { "publish", Path.Combine("functions", "Lambdas.slnf"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false", $"-p:LambdaPublishRoot={Root}", "-nologo" })
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish functions/Lambdas.slnf did not finish in 5 minutes");
        }
        Output = stdout.Result + stderr.Result;
        ExitCode = process.ExitCode;
    }

    public string Root { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public string FolderOf(string function) => Path.Combine(Root, function);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
