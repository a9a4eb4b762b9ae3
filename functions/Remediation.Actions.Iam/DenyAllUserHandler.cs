using Remediation.Core.Aws.Iam;
using static Remediation.Actions.Iam.IamActions;

namespace Remediation.Actions.Iam;

/// <summary>
/// Denies a user everything. Prefers the stack's managed deny-all policy, because a user's inline policies share
/// 2,048 characters (docs/aws-reference.md §B1); when the user already has the maximum of attached managed policies
/// (IAM <c>LimitExceeded</c>, never retried) it falls back to an inline deny-all. The detail says which one was used.
/// The intent recorded before the write is the managed attach's (the fallback is known only when IAM refuses it).
/// </summary>
public sealed class DenyAllUserHandler(IIam iam) : IIntentHandler
{
    private readonly PreparedRead<IReadOnlyList<AttachedPolicy>> prepared = new();

    /// <inheritdoc />
    public string Kind => DenyAllUser;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (user, policyArn) = (action.Require(Params.UserName), action.Require(Params.PolicyArn));
        var attached = await prepared.ReadAsync(action, () => NotFound.OrNullAsync(iam.ListAttachedUserPoliciesAsync(user, ct)));
        return attached is not null && attached.All(p => p.PolicyArn != policyArn)
            ? new ActionIntent(StateJson.Of(("managedAttached", "false")), DetachInverse(action, user, policyArn))
            : null;
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = action.Require(Params.UserName);
        var policyArn = action.Require(Params.PolicyArn);
        var inlineName = action.Require(Params.InlinePolicyName);
        // Deleted since the event: nothing is left to contain (not a failure to retry into the DLQ).
        if (await prepared.TakeOrReadAsync(action, () => NotFound.OrNullAsync(iam.ListAttachedUserPoliciesAsync(user, ct))) is not { } attached)
        {
            return ActionResult.Skipped(action, $"user {user} no longer exists; nothing to deny");
        }
        if (attached.Any(p => p.PolicyArn == policyArn))
        {
            return ActionResult.Done(action, $"user {user} already has the deny-all policy {policyArn}; nothing changed",
                StateJson.Of(("managedAttached", "true")), null);
        }
        try
        {
            await iam.AttachUserPolicyAsync(user, policyArn, ct);
            return ActionResult.Done(action, $"attached managed deny-all policy {policyArn} to user {user}",
                StateJson.Of(("managedAttached", "false")), DetachInverse(action, user, policyArn));
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.LimitExceeded)
        {
            return await InlineAsync(action, user, inlineName, attached.Count, ct);
        }
    }

    private static PlannedAction DetachInverse(PlannedAction action, string user, string policyArn) =>
        PlannedAction.Create(Managed(IamEntityKind.User, attach: false), action.Target, $"rollback: detach deny-all {policyArn} from user {user}",
            (Params.UserName, user), (Params.PolicyArn, policyArn));

    private async Task<ActionResult> InlineAsync(PlannedAction action, string user, string inlineName, int attachedCount, CancellationToken ct)
    {
        var previous = await iam.GetUserPolicyAsync(user, inlineName, ct);
        var before = StateJson.Of(("managedAttached", "false"), (Params.PolicyName, inlineName), (Params.PolicyDocument, previous));
        var document = IamPolicyDocuments.DenyAll();
        if (IamPolicyDocuments.Same(previous, document))
        {
            return ActionResult.Done(action, $"user {user} already has the inline deny-all policy {inlineName}; nothing changed", before, null);
        }
        await iam.PutUserPolicyAsync(user, inlineName, document, ct);
        var inverse = previous is null
            ? PlannedAction.Create(Inline(IamEntityKind.User, put: false), action.Target, $"rollback: delete inline deny-all {inlineName} from user {user}",
                (Params.UserName, user), (Params.PolicyName, inlineName))
            : PlannedAction.Create(Inline(IamEntityKind.User, put: true), action.Target, $"rollback: restore inline policy {inlineName} of user {user}",
                (Params.UserName, user), (Params.PolicyName, inlineName), (Params.PolicyDocument, previous));
        return ActionResult.Done(action,
            $"put inline deny-all policy {inlineName} on user {user}: the managed policy could not be attached (LimitExceeded, {attachedCount} attached)",
            before, inverse);
    }
}
