using Remediation.Core.Pipeline;
using Remediation.Core.Aws;
using Remediation.Actions.Iam;
using Remediation.Core.Hosting;

namespace Remediation.RevokeIamPermissions;

/// <summary>
/// Lambda entry: handler string <c>RevokeIamPermissions::Remediation.RevokeIamPermissions.Function::HandleAsync</c>.
/// The parameterless constructor builds the SDK clients once per container.
/// </summary>
public sealed class Function
{
    /// <summary>Remediates High and above by default; MIN_SEVERITY overrides it.</summary>
    public const double DefaultMinSeverity = 7;

    private readonly FunctionHandler handler;

    /// <summary>Production (Lambda): inputs from the process.</summary>
    public Function()
        : this(FunctionInputs.FromProcess())
    {
    }

    /// <summary>Explicit inputs (drills, tests): environment, clients, clock, log writer.</summary>
    public Function(FunctionInputs inputs)
        : this(FunctionHandler.Create(RevokePlaybook.Name, DefaultMinSeverity, inputs, ctx =>
            (new RevokePlaybook(RevokeOptions.Load(ctx.Environment), ctx.Aws.Iam), Handlers(ctx.Aws, ctx.Time))))
    {
    }

    private Function(FunctionHandler handler) => this.handler = handler;

    /// <summary>Everything this function can write: IAM containment and the exact undo of an escalation.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return [.. IamActionHandlers.Containment(aws.Iam, time)];
    }

    /// <summary>Handles one EventBridge event; returns the summary JSON.</summary>
    public Task<Stream> HandleAsync(Stream input) => handler.HandleAsync(input);
}
