using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Pipeline;
using static Remediation.Core.Actions.Iam.IamActions;

namespace Remediation.Core.Actions.Iam;

/// <summary>
/// Sets a managed policy's default version back, but only while the default is still the version the plan expects
/// (the one the escalation made): a default changed since is somebody else's newer decision and is left alone.
/// The inverse sets the replaced default again.
/// </summary>
public sealed class DefaultPolicyVersionHandler(IIam iam) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => SetDefaultPolicyVersion;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var policyArn = action.Require(Params.PolicyArn);
        var version = action.Require(Params.VersionId);
        var expected = action.Require(Params.ExpectedDefaultVersion);
        if (await NotFound.OrNullAsync(iam.GetPolicyAsync(policyArn, ct)) is not { } policy)
        {
            return ActionResult.Skipped(action, $"policy {policyArn} no longer exists; nothing to restore");
        }
        var current = policy.DefaultVersionId;
        var before = StateJson.Of((Params.PolicyArn, policyArn), ("defaultVersionId", current));
        if (current == version)
        {
            return ActionResult.Done(action, $"{version} was already the default version of {policyArn}; nothing changed", before, null);
        }
        if (current != expected)
        {
            return new ActionResult(action, ActionStatus.Skipped,
                $"the default version of {policyArn} is now {current}, not {expected}: changed since the event, left alone", before, null);
        }
        await iam.SetDefaultPolicyVersionAsync(policyArn, version, ct);
        var inverse = PlannedAction.Create(SetDefaultPolicyVersion, action.Target, $"rollback: make {current} the default version of {policyArn} again",
            (Params.PolicyArn, policyArn), (Params.VersionId, current), (Params.ExpectedDefaultVersion, version));
        return ActionResult.Done(action, $"default version of {policyArn}: {current} -> {version}", before, inverse);
    }
}
