using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Pipeline;
using static Remediation.Core.Actions.Iam.IamActions;

namespace Remediation.Core.Actions.Iam;

/// <summary>
/// Removes a user from a group (the undo of an AddUserToGroup escalation) or, as rollback, adds them back. Reads the
/// user's groups first: a membership already as wanted is reported, not written, and has nothing to undo.
/// </summary>
public sealed class GroupMembershipHandler(IIam iam, bool add) : IActionHandler
{
    /// <inheritdoc />
    public string Kind { get; } = add ? AddUserToGroup : RemoveUserFromGroup;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = action.Require(Params.UserName);
        var group = action.Require(Params.GroupName);
        if (await NotFound.OrNullAsync(iam.ListGroupsForUserAsync(user, ct)) is not { } groups)
        {
            return ActionResult.Skipped(action, $"user {user} no longer exists; no group membership to change");
        }
        var member = groups.Contains(group, StringComparer.Ordinal);
        var before = StateJson.Of((Params.GroupName, group), ("member", member ? "true" : "false"));
        if (member == add)
        {
            return ActionResult.Done(action, $"user {user} was already {(add ? "in" : "out of")} group {group}; nothing changed", before, null);
        }
        if (add)
        {
            await iam.AddUserToGroupAsync(group, user, ct);
        }
        else
        {
            await iam.RemoveUserFromGroupAsync(group, user, ct);
        }
        var inverse = PlannedAction.Create(add ? RemoveUserFromGroup : AddUserToGroup, action.Target,
            $"rollback: {(add ? "remove" : "add")} user {user} {(add ? "from" : "to")} group {group} again",
            (Params.UserName, user), (Params.GroupName, group));
        return ActionResult.Done(action, $"{(add ? "added" : "removed")} user {user} {(add ? "to" : "from")} group {group}", before, inverse);
    }
}
