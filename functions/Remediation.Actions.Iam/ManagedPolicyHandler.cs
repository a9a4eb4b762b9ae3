using Remediation.Core.Aws.Iam;
using static Remediation.Actions.Iam.IamActions;

namespace Remediation.Actions.Iam;

/// <summary>
/// Attaches or detaches one managed policy on a user, role or group. Reads the attached list first:
/// a policy already in the desired state is reported, not written, and has nothing to undo.
/// </summary>
public sealed class ManagedPolicyHandler(IIam iam, IamEntityKind entity, bool attach) : IIntentHandler
{
    private readonly PreparedRead<IReadOnlyList<AttachedPolicy>> prepared = new();

    /// <inheritdoc />
    public string Kind { get; } = Managed(entity, attach);

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (name, policyArn) = (action.Require(Params.NameOf(entity)), action.Require(Params.PolicyArn));
        var list = await prepared.ReadAsync(action, () => NotFound.OrNullAsync(IamEntities.ListAttachedAsync(iam, entity, name, ct)));
        var attached = list?.Any(p => p.PolicyArn == policyArn);
        return attached is { } was && was != attach
            ? new ActionIntent(Before(policyArn, was), Inverse(action, name, policyArn))
            : null;
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var name = action.Require(Params.NameOf(entity));
        var policyArn = action.Require(Params.PolicyArn);
        var who = IamEntities.Describe(entity, name);
        if (await prepared.TakeOrReadAsync(action, () => NotFound.OrNullAsync(IamEntities.ListAttachedAsync(iam, entity, name, ct))) is not { } list)
        {
            return ActionResult.Skipped(action, $"{who} no longer exists; nothing to {(attach ? "attach to" : "detach from")}");
        }
        var attached = list.Any(p => p.PolicyArn == policyArn);
        var before = Before(policyArn, attached);
        if (attached == attach)
        {
            return ActionResult.Done(action, $"{policyArn} was already {(attach ? "attached to" : "detached from")} {who}; nothing changed", before, null);
        }
        if (attach)
        {
            await IamEntities.AttachAsync(iam, entity, name, policyArn, ct);
        }
        else
        {
            await IamEntities.DetachAsync(iam, entity, name, policyArn, ct);
        }
        return ActionResult.Done(action, $"{(attach ? "attached" : "detached")} {policyArn} {(attach ? "to" : "from")} {who}", before,
            Inverse(action, name, policyArn));
    }

    private static string Before(string policyArn, bool attached) => StateJson.Of(("policyArn", policyArn), ("attached", attached ? "true" : "false"));

    private PlannedAction Inverse(PlannedAction action, string name, string policyArn) =>
        PlannedAction.Create(Managed(entity, !attach), action.Target,
            $"rollback: {(attach ? "detach" : "re-attach")} {policyArn} {(attach ? "from" : "to")} {IamEntities.Describe(entity, name)}",
            (Params.NameOf(entity), name), (Params.PolicyArn, policyArn));
}
