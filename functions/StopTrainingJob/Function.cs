using Remediation.Actions.SageMaker;
using Remediation.Core.Hosting;

namespace Remediation.StopTrainingJob;

/// <summary>
/// Lambda entry: handler string <c>StopTrainingJob::Remediation.StopTrainingJob.Function::HandleAsync</c>.
/// Construction reads the configuration: a malformed TRAINING_POLICY fails here, naming the member.
/// </summary>
/// <param name="inputs">Environment, clients, clock, log writer (drills and tests; Lambda's come from the process).</param>
public sealed class Function(FunctionInputs inputs)
    : LambdaEntry(FunctionHandler.Create(StopTrainingJobPlaybook.Name, DefaultMinSeverity, inputs, Compose))
{
    /// <summary>
    /// The function's MIN_SEVERITY default. Config NON_COMPLIANT results are scored 5, so the shared threshold sits
    /// there; GuardDuty findings are held to GUARDDUTY_MIN_SEVERITY (default 7) by the playbook and the EventBridge rule.
    /// </summary>
    public const double DefaultMinSeverity = 5;

    /// <summary>Production (Lambda): inputs from the process; SDK clients built once per container.</summary>
    public Function() : this(FunctionInputs.FromProcess()) { }

    private static (IPlaybook, IReadOnlyList<IActionHandler>) Compose(FunctionContext ctx)
    {
        var options = StopTrainingJobOptions.Load(ctx.Environment);
        return (new StopTrainingJobPlaybook(ctx.Aws.SageMaker, new SageMakerRoles(ctx.Aws.Iam, options.RolePatterns), options), Handlers(ctx.Aws, ctx.Time));
    }

    /// <summary>Everything this function can write: it stops SageMaker work, nothing else.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time) =>
        [.. SageMakerFamily.Stops((aws ?? throw new ArgumentNullException(nameof(aws))).SageMaker)];
}
