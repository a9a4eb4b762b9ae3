using Remediation.Core.Pipeline;
using Remediation.Core.Aws;
using Remediation.Actions.S3Quarantine;
using Remediation.Actions.SageMaker;
using Remediation.Core.Guardrails;
using Remediation.Core.Hosting;

namespace Remediation.QuarantineS3Object;

/// <summary>
/// Lambda entry: handler string <c>QuarantineS3Object::Remediation.QuarantineS3Object.Function::HandleAsync</c>.
/// The parameterless constructor builds the SDK clients once per container.
/// </summary>
public sealed class Function
{
    /// <summary>Default remediation threshold (High); MIN_SEVERITY overrides it.</summary>
    public const double DefaultMinSeverity = 7;

    private readonly FunctionHandler handler;

    /// <summary>Production (Lambda): inputs from the process.</summary>
    public Function()
        : this(FunctionInputs.FromProcess())
    {
    }

    /// <summary>Explicit inputs (drills, tests): environment, clients, clock, log writer.</summary>
    public Function(FunctionInputs inputs)
        : this(FunctionHandler.Create(QuarantinePlaybook.Name, DefaultMinSeverity, inputs, ctx =>
        {
            var policy = QuarantinePolicy.Load(ctx.Environment);
            var facts = new AwsQuarantineFacts(ctx.Aws.S3, ctx.Aws.SageMaker, new AwsTagLookup(ctx.Aws.Iam, ctx.Aws.S3));
            return (new QuarantinePlaybook(policy, facts), Handlers(ctx.Aws, ctx.Time));
        }))
    {
    }

    private Function(FunctionHandler handler) => this.handler = handler;

    /// <summary>Everything this function can write: the quarantine sequence, and stopping the jobs that read the object.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return [.. QuarantineFamily.Handlers(aws.S3), .. SageMakerFamily.JobStops(aws.SageMaker)];
    }

    /// <summary>Handles one EventBridge event; returns the summary JSON.</summary>
    public Task<Stream> HandleAsync(Stream input) => handler.HandleAsync(input);
}
