using Amazon.Runtime;
using Remediation.Core.Aws;

namespace Remediation.Tests.Aws;

/// <summary>A factory wired to a fake handler, a fixed clock, and recorded (not slept) backoff delays.</summary>
internal sealed class TestAws : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 3, 4, 10, 20, 0, TimeSpan.Zero);

    public TestAws(IReadOnlyDictionary<string, string>? variables = null, AWSCredentials? credentials = null, AwsRetryOptions? retry = null)
    {
        Factory = new AwsClientFactory(new AwsClientSettings(
            AwsEndpoints.FromVariables(variables ?? new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1" }),
            credentials ?? new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
        {
            HttpHandler = Handler,
            Retry = retry ?? new AwsRetryOptions(),
            Runtime = new AwsClientRuntime
            {
                Time = new FixedTime(Now),
                Sleep = (delay, _) =>
                {
                    Delays.Add(delay);
                    return Task.CompletedTask;
                },
                UnitRandom = () => 0.5,
            },
        });
    }

    public FakeAwsHandler Handler { get; } = new();

    public List<TimeSpan> Delays { get; } = [];

    public AwsClientFactory Factory { get; }

    public CapturedRequest Single => Assert.Single(Handler.Requests);

    public void Dispose()
    {
        Factory.Dispose();
        Handler.Dispose();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
