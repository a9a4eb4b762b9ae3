using Remediation.Core.Configuration;
using Remediation.Core.Pipeline;
using Remediation.Core.Aws;
using Remediation.Core.Hosting;

namespace Remediation.Notify;

/// <summary>
/// Lambda entry: handler string <c>Notify::Remediation.Notify.Function::HandleAsync</c>.
/// The parameterless constructor builds the SDK clients once per container.
/// </summary>
public sealed class Function
{
    /// <summary>Notify's default reporting threshold (Medium); MIN_SEVERITY overrides it.</summary>
    public const double DefaultMinSeverity = 4;

    private readonly FunctionHandler handler;

    /// <summary>Production (Lambda): inputs from the process.</summary>
    public Function()
        : this(FunctionInputs.FromProcess())
    {
    }

    /// <summary>Explicit inputs (drills, tests): environment, clients, clock, log writer.</summary>
    public Function(FunctionInputs inputs)
        : this(FunctionHandler.Create(NotifyPlaybook.Name, DefaultMinSeverity, inputs, ctx => (new NotifyPlaybook(IsolationThreshold(ctx.Environment)), Handlers(ctx.Aws, ctx.Time))))
    {
    }

    private Function(FunctionHandler handler) => this.handler = handler;

    private static double? IsolationThreshold(EnvironmentReader env) =>
        env.Optional(NotifyPlaybook.IsolationMinSeverityVariable) is null ? null : env.Number(NotifyPlaybook.IsolationMinSeverityVariable, 7, 0, 10);

    /// <summary>Everything this function can write: nothing but the ledger and the topic.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time) => [];

    /// <summary>Handles one EventBridge event; returns the summary JSON.</summary>
    public Task<Stream> HandleAsync(Stream input) => handler.HandleAsync(input);
}
