using Remediation.Core.Configuration;
using Remediation.Core.Hosting;

namespace Remediation.Notify;

/// <summary>Lambda entry: handler string <c>Notify::Remediation.Notify.Function::HandleAsync</c>.</summary>
/// <param name="inputs">Environment, clients, clock, log writer (drills and tests; Lambda's come from the process).</param>
public sealed class Function(FunctionInputs inputs)
    : LambdaEntry(FunctionHandler.Create(NotifyPlaybook.Name, DefaultMinSeverity, inputs, Compose))
{
    /// <summary>Notify's default reporting threshold (Medium); MIN_SEVERITY overrides it.</summary>
    public const double DefaultMinSeverity = 4;

    /// <summary>Production (Lambda): inputs from the process; SDK clients built once per container.</summary>
    public Function() : this(FunctionInputs.FromProcess()) { }

    private static (IPlaybook, IReadOnlyList<IActionHandler>) Compose(FunctionContext ctx) =>
        (new NotifyPlaybook(IsolationThreshold(ctx.Environment)), Handlers(ctx.Aws, ctx.Time));

    private static double? IsolationThreshold(EnvironmentReader env) =>
        env.Optional(NotifyPlaybook.IsolationMinSeverityVariable) is null ? null : env.Number(NotifyPlaybook.IsolationMinSeverityVariable, 7, 0, 10);

    /// <summary>Everything this function can write: nothing but the ledger and the topic.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time) => [];
}
