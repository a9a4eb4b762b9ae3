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
        : this(FunctionHandler.Create(NotifyPlaybook.Name, DefaultMinSeverity, inputs, _ => (new NotifyPlaybook(), [])))
    {
    }

    private Function(FunctionHandler handler) => this.handler = handler;

    /// <summary>Handles one EventBridge event; returns the summary JSON.</summary>
    public Task<Stream> HandleAsync(Stream input) => handler.HandleAsync(input);
}
