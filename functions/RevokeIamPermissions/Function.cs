using Remediation.Actions.Iam;
using Remediation.Core.Hosting;

namespace Remediation.RevokeIamPermissions;

/// <summary>Lambda entry: handler string <c>RevokeIamPermissions::Remediation.RevokeIamPermissions.Function::HandleAsync</c>.</summary>
/// <param name="inputs">Environment, clients, clock, log writer (drills and tests; Lambda's come from the process).</param>
public sealed class Function(FunctionInputs inputs)
    : LambdaEntry(FunctionHandler.Create(RevokePlaybook.Name, DefaultMinSeverity, inputs, Compose))
{
    /// <summary>Remediates High and above by default; MIN_SEVERITY overrides it.</summary>
    public const double DefaultMinSeverity = 7;

    /// <summary>Production (Lambda): inputs from the process; SDK clients built once per container.</summary>
    public Function() : this(FunctionInputs.FromProcess()) { }

    private static (IPlaybook, IReadOnlyList<IActionHandler>) Compose(FunctionContext ctx) =>
        (new RevokePlaybook(RevokeOptions.Load(ctx.Environment), ctx.Aws.Iam), Handlers(ctx.Aws, ctx.Time));

    /// <summary>Everything this function can write: IAM containment and the exact undo of an escalation.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time) =>
        [.. IamActionHandlers.Containment((aws ?? throw new ArgumentNullException(nameof(aws))).Iam, time)];
}
