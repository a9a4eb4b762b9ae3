using Remediation.Actions.S3Quarantine;
using Remediation.Actions.SageMaker;
using Remediation.Core.Guardrails;
using Remediation.Core.Hosting;

namespace Remediation.QuarantineS3Object;

/// <summary>Lambda entry: handler string <c>QuarantineS3Object::Remediation.QuarantineS3Object.Function::HandleAsync</c>.</summary>
/// <param name="inputs">Environment, clients, clock, log writer (drills and tests; Lambda's come from the process).</param>
public sealed class Function(FunctionInputs inputs)
    : LambdaEntry(FunctionHandler.Create(QuarantinePlaybook.Name, DefaultMinSeverity, inputs, Compose))
{
    /// <summary>Default remediation threshold (High); MIN_SEVERITY overrides it.</summary>
    public const double DefaultMinSeverity = 7;

    /// <summary>Production (Lambda): inputs from the process; SDK clients built once per container.</summary>
    public Function() : this(FunctionInputs.FromProcess()) { }

    private static (IPlaybook, IReadOnlyList<IActionHandler>) Compose(FunctionContext ctx)
    {
        var facts = new AwsQuarantineFacts(ctx.Aws.S3, ctx.Aws.SageMaker, new AwsTagLookup(ctx.Aws.Iam, ctx.Aws.S3));
        return (new QuarantinePlaybook(QuarantinePolicy.Load(ctx.Environment), facts), Handlers(ctx.Aws, ctx.Time));
    }

    /// <summary>Everything this function can write: the quarantine sequence, and stopping the jobs that read the object.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return [.. QuarantineFamily.Handlers(aws.S3), .. SageMakerFamily.JobStops(aws.SageMaker)];
    }
}
