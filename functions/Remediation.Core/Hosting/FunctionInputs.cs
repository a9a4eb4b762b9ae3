using Remediation.Core.Configuration;

namespace Remediation.Core.Hosting;

/// <summary>
/// Everything a function is built from, explicit: its environment, its AWS clients, its clock, where its log lines
/// go, and how it learns the current invocation's X-Ray trace id. Lambda's path reads them from the process
/// (<see cref="FromProcess"/>); drills and tests hand them in, so nothing process-wide is changed.
/// </summary>
/// <param name="Environment">The function's configuration variables.</param>
/// <param name="Aws">The AWS clients, built once per container.</param>
/// <param name="Time">The clock.</param>
/// <param name="Log">Where JSON log lines go (stdout in Lambda, which CloudWatch collects).</param>
/// <param name="TraceId">The current invocation's trace id, read per invocation; null when there is none.</param>
public sealed record FunctionInputs(EnvironmentReader Environment, AwsClientFactory Aws, TimeProvider Time, TextWriter Log, Func<string?> TraceId)
{
    /// <summary>
    /// The runtime sets <c>_X_AMZN_TRACE_ID</c> in the process environment before each invocation (Lambda Developer
    /// Guide, "Defined runtime environment variables"), so it is read when the invocation starts, not at init.
    /// </summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>Lambda: the process environment, the SDK credential chain, the system clock, stdout.</summary>
    public static FunctionInputs FromProcess() =>
        new(EnvironmentReader.FromProcess(), new AwsClientFactory(), TimeProvider.System, Console.Out,
            () => System.Environment.GetEnvironmentVariable(TraceIdVariable));

    /// <summary>
    /// A drill or a test: the given variables (AWS_ENDPOINT_URL*, AWS_REGION and the AWS_* credentials among them)
    /// for configuration and clients alike, and the given log writer.
    /// </summary>
    public static FunctionInputs FromVariables(IReadOnlyDictionary<string, string> variables, TextWriter log, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(log);
        var environment = new EnvironmentReader(variables.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal));
        return new FunctionInputs(environment, new AwsClientFactory(AwsClientSettings.FromVariables(variables)), time ?? TimeProvider.System, log,
            () => variables.GetValueOrDefault(TraceIdVariable));
    }
}
