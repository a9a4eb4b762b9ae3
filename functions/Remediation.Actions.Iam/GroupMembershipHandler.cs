using Remediation.Core.Aws.Iam;
using static Remediation.Actions.Iam.IamActions;

namespace Remediation.Actions.Iam;

/// <summary>
/// Removes a user from a group (the undo of an AddUserToGroup escalation) or, as rollback, adds them back. Reads the
/// user's groups first: a membership already as wanted is reported, not written, and has nothing to undo. The change
/// is recorded as the intent before the write, so a removal whose record is lost is still undone by rollback.
/// </summary>
public sealed class GroupMembershipHandler(IIam iam, bool add) : IIntentHandler
{
    private readonly PreparedRead<IReadOnlyList<string>> groupsRead = new();

    /// <inheritdoc />
    public string Kind { get; } = add ? AddUserToGroup : RemoveUserFromGroup;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (user, group) = (action.Require(Params.UserName), action.Require(Params.GroupName));
        var groups = await groupsRead.ReadAsync(action, () => NotFound.OrNullAsync(iam.ListGroupsForUserAsync(user, ct)));
        var member = groups?.Contains(group, StringComparer.Ordinal);
        return member is { } m && m != add ? new ActionIntent(Before(group, m), Inverse(action, user, group)) : null;
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = action.Require(Params.UserName);
        var group = action.Require(Params.GroupName);
        if (await groupsRead.TakeOrReadAsync(action, () => NotFound.OrNullAsync(iam.ListGroupsForUserAsync(user, ct))) is not { } groups)
        {
            return ActionResult.Skipped(action, $"user {user} no longer exists; no group membership to change");
        }
        var member = groups.Contains(group, StringComparer.Ordinal);
        var before = Before(group, member);
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
        return ActionResult.Done(action, $"{(add ? "added" : "removed")} user {user} {(add ? "to" : "from")} group {group}", before, Inverse(action, user, group));
    }

    private static string Before(string group, bool member) => StateJson.Of((Params.GroupName, group), ("member", member ? "true" : "false"));

    private PlannedAction Inverse(PlannedAction action, string user, string group) =>
        PlannedAction.Create(add ? RemoveUserFromGroup : AddUserToGroup, action.Target,
            $"rollback: {(add ? "remove" : "add")} user {user} {(add ? "from" : "to")} group {group} again",
            (Params.UserName, user), (Params.GroupName, group));
}
