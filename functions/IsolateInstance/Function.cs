using Remediation.Actions.Ec2;
using Remediation.Actions.Iam;
using Remediation.Core.Hosting;

namespace Remediation.IsolateInstance;

/// <summary>
/// Lambda entry: handler string <c>IsolateInstance::Remediation.IsolateInstance.Function::HandleAsync</c>.
/// GuardDuty findings about a compromised EC2 instance: its interfaces isolated, its role's sessions revoked, its
/// Auto Scaling group kept from replacing it, protection on, evidence snapshots, a tag.
/// </summary>
/// <param name="inputs">Environment, clients, clock, log writer (drills and tests; Lambda's come from the process).</param>
public sealed class Function(FunctionInputs inputs)
    : LambdaEntry(FunctionHandler.Create(IsolateInstancePlaybook.Name, DefaultMinSeverity, inputs, Compose))
{
    /// <summary>GuardDuty High (7) and above, as the EventBridge rule selects; MIN_SEVERITY overrides it.</summary>
    public const double DefaultMinSeverity = 7;

    /// <summary>Production (Lambda): inputs from the process; SDK clients built once per container.</summary>
    public Function() : this(FunctionInputs.FromProcess()) { }

    private static (IPlaybook, IReadOnlyList<IActionHandler>) Compose(FunctionContext ctx) =>
        (new IsolateInstancePlaybook(ctx.Aws.Ec2(), ctx.Aws.AutoScaling(), ctx.Aws.Iam, ctx.Aws.Region, IsolateInstanceOptions.Load(ctx.Environment)),
            Handlers(ctx.Aws, ctx.Time));

    /// <summary>Everything this function can write: EC2 isolation and the instance role's session revocation.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return [.. Ec2Family.Isolation(aws.Ec2(), aws.AutoScaling()), .. IamActionHandlers.SessionRevocation(aws.Iam, time)];
    }
}
