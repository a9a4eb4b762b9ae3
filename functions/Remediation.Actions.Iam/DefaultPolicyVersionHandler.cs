using Remediation.Core.Aws.Iam;
using static Remediation.Actions.Iam.IamActions;

namespace Remediation.Actions.Iam;

/// <summary>
/// Sets a managed policy's default version back, but only while the default is still the version the plan expects
/// (the one the escalation made): a default changed since is somebody else's newer decision and is left alone.
/// The inverse sets the replaced default again; it is recorded as the intent before the write.
/// </summary>
public sealed class DefaultPolicyVersionHandler(IIam iam) : IIntentHandler
{
    private readonly PreparedRead<ManagedPolicy> policyRead = new();

    /// <inheritdoc />
    public string Kind => SetDefaultPolicyVersion;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (policyArn, version, expected) = (action.Require(Params.PolicyArn), action.Require(Params.VersionId), action.Require(Params.ExpectedDefaultVersion));
        var policy = await policyRead.ReadAsync(action, () => NotFound.OrNullAsync(iam.GetPolicyAsync(policyArn, ct)));
        return policy?.DefaultVersionId is { } current && current != version && current == expected
            ? new ActionIntent(Before(policyArn, current), Inverse(action, policyArn, version, current))
            : null;
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var policyArn = action.Require(Params.PolicyArn);
        var version = action.Require(Params.VersionId);
        var expected = action.Require(Params.ExpectedDefaultVersion);
        if (await policyRead.TakeOrReadAsync(action, () => NotFound.OrNullAsync(iam.GetPolicyAsync(policyArn, ct))) is not { } policy)
        {
            return ActionResult.Skipped(action, $"policy {policyArn} no longer exists; nothing to restore");
        }
        var current = policy.DefaultVersionId;
        var before = Before(policyArn, current);
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
        return ActionResult.Done(action, $"default version of {policyArn}: {current} -> {version}", before, Inverse(action, policyArn, version, current));
    }

    private static string Before(string policyArn, string current) => StateJson.Of((Params.PolicyArn, policyArn), ("defaultVersionId", current));

    private static PlannedAction Inverse(PlannedAction action, string policyArn, string version, string current) =>
        PlannedAction.Create(SetDefaultPolicyVersion, action.Target, $"rollback: make {current} the default version of {policyArn} again",
            (Params.PolicyArn, policyArn), (Params.VersionId, current), (Params.ExpectedDefaultVersion, version));
}
