using Remediation.Core.Aws;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.Benchmarks;

/// <summary>The local emulation a benchmark runs against: started, seeded with events/world.json, the stack's own resources created.</summary>
internal sealed class BenchEmulation : IDisposable
{
    private readonly LocalAwsProcess process;

    private BenchEmulation(string root, LocalAwsProcess process, LocalAwsControl control, AwsClientFactory aws, LocalStack stack)
    {
        (Root, this.process, Control, Aws, Stack) = (root, process, control, aws, stack);
        Template = SamTemplate.Load(Path.Combine(root, "template.yaml"));
    }

    public string Root { get; }
    public string Endpoint => process.Endpoint;
    public LocalAwsControl Control { get; }
    public AwsClientFactory Aws { get; }
    public LocalStack Stack { get; }
    public SamTemplate Template { get; }

    public static async Task<BenchEmulation> StartAsync()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Repo.Event("x")))!;
        var process = await LocalAwsProcess.StartAsync(root, TimeSpan.FromSeconds(90));
        var control = new LocalAwsControl(process.Endpoint);
        await control.SeedAsync(await File.ReadAllTextAsync(Path.Combine(root, "events", "world.json")), CancellationToken.None);
        var aws = new AwsClientFactory(AwsClientSettings.ForEndpoint(process.Endpoint));
        var stack = await LocalStack.EnsureAsync(aws, "123456789012", CancellationToken.None);
        return new BenchEmulation(root, process, control, aws, stack);
    }

    public void Dispose()
    {
        Aws.Dispose();
        Control.Dispose();
        process.Dispose();
    }
}
