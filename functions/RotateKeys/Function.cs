using Remediation.Actions.AccessKeys;
using Remediation.Actions.Kms;
using Remediation.Core.Hosting;

namespace Remediation.RotateKeys;

/// <summary>
/// Lambda entry: handler string <c>RotateKeys::Remediation.RotateKeys.Function::HandleAsync</c>.
/// EventBridge findings (Health, Config, CloudTrail KMS calls) and the daily "Scheduled Event" (the sweep) take the
/// one shared path: parsed once, claimed, planned once, guarded, recorded and, when something is due, published.
/// </summary>
/// <param name="inputs">Environment, clients, clock, log writer (drills and tests; Lambda's come from the process).</param>
public sealed class Function(FunctionInputs inputs)
    : LambdaEntry(FunctionHandler.Create(RotateKeysPlaybook.Name, DefaultMinSeverity, inputs, Compose))
{
    /// <summary>Config non-compliance is scored 5 (Medium); RotateKeys acts from there. MIN_SEVERITY overrides it.</summary>
    public const double DefaultMinSeverity = 5;

    /// <summary>Production (Lambda): inputs from the process; SDK clients built once per container.</summary>
    public Function() : this(FunctionInputs.FromProcess()) { }

    /// <summary>
    /// The playbook and handlers over one account's clients and settings. The sweep reads the central ledger and
    /// deletes only keys of the account it runs in: schedule firings arrive in the stack's own account, so a member's
    /// rotated-out keys stay Inactive (README Limits).
    /// </summary>
    private static (IPlaybook, IReadOnlyList<IActionHandler>) Compose(FunctionContext ctx)
    {
        var policy = RotateKeysSettings.Load(ctx.Environment);
        var sweep = new KeySweep(FunctionHandler.Ledger(ctx.Settings, ctx.Aws, ctx.Time), ctx.Aws.Iam, policy, ctx.Time, ctx.Account);
        return (new RotateKeysPlaybook(ctx.Aws.Iam, ctx.Aws.Ssm(), ctx.Aws.Kms(), policy, ctx.Time, sweep), Handlers(ctx.Aws, ctx.Time));
    }

    /// <summary>Everything this function can write: access-key rotation and KMS key care.</summary>
    public static IReadOnlyList<IActionHandler> Handlers(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return [.. AccessKeyFamily.Rotation(aws.Iam, aws.Ssm()), .. KmsFamily.KeyCare(aws.Kms())];
    }
}
