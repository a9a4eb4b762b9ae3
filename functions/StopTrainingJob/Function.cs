using Remediation.Core.Pipeline;
using Remediation.Core.Aws;
using Remediation.Actions.SageMaker;
using Remediation.Core.Hosting;

namespace Remediation.StopTrainingJob;

/// <summary>
/// Lambda entry: handler string <c>StopTrainingJob::Remediation.StopTrainingJob.Function::HandleAsync</c>.
/// The parameterless constructor reads the configuration (a malformed TRAINING_POLICY fails here, naming the member)
/// and builds the SDK clients once per container.
/// </summary>
public sealed class Function
{
    /// <summary>
    /// The function's MIN_SEVERITY default. Config NON_COMPLIANT results are scored 5, so the shared threshold sits
    /// there; GuardDuty findings are held to GUARDDUTY_MIN_SEVERITY (default 7) by the playbook and the EventBridge rule.
    /// </summary>
    public const double DefaultMinSeverity = 5;

    private readonly FunctionHandler handler;

    /// <summary>Production (Lambda): inputs from the process.</summary>
    public Function()
        : this(FunctionInputs.FromProcess())
    {
    }

    /// <summary>Explicit inputs (drills, tests): environment, clients, clock, log writer.</summary>
    public Function(FunctionInputs inputs)
        : this(FunctionHandler.Create(StopTrainingJobPlaybook.Name, DefaultMinSeverity, inputs, ctx =>
        {
            var options = StopTrainingJobOptions.Load(ctx.Environment);
            var playbook = new StopTrainingJobPlaybook(ctx.Aws.SageMaker, new SageMakerRoles(ctx.Aws.Iam, options.RolePatterns), options);
            return (playbook, Handlers(ctx.Aws, ctx.Time));
        }))
    {
    }

    private Function(FunctionHandler handler) => this.handler = handler;

    /// <summary>Everything this function can write: it stops SageMaker work, nothing else.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return [.. SageMakerFamily.Stops(aws.SageMaker)];
    }

    /// <summary>Handles one EventBridge event; returns the summary JSON.</summary>
    public Task<Stream> HandleAsync(Stream input) => handler.HandleAsync(input);
}
