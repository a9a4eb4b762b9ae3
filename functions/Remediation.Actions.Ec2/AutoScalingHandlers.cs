using static Remediation.Actions.Ec2.Ec2Actions;

namespace Remediation.Actions.Ec2;

/// <summary>
/// Detaches the instance from its Auto Scaling group and lowers the desired capacity, so the group neither replaces
/// nor terminates it (a health check on an isolated instance would otherwise end the evidence). The inverse attaches
/// it again. An instance that left the group since the plan is left alone.
/// </summary>
public sealed class DetachFromGroupHandler(AutoScalingClient autoScaling) : IIntentHandler
{
    private readonly PreparedRead<GroupMembership> read = new();

    /// <inheritdoc />
    public string Kind => DetachFromGroup;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var membership = await read.ReadAsync(action, () => autoScaling.MembershipAsync(action.Require(InstanceId), ct));
        return membership is null ? null : new ActionIntent(Before(membership), Inverse(action, membership.GroupName));
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var id = action.Require(InstanceId);
        var membership = await read.TakeOrReadAsync(action, () => autoScaling.MembershipAsync(id, ct));
        if (membership is null)
        {
            return ActionResult.Done(action, $"{id} belongs to no Auto Scaling group (any more); nothing to detach", null, null);
        }
        if (membership.GroupName != action.Require(GroupName))
        {
            return ActionResult.Skipped(action, $"{id} now belongs to Auto Scaling group {membership.GroupName}, not {action.Require(GroupName)}; left as it is");
        }
        await autoScaling.DetachAsync(membership.GroupName, id, ct);
        return ActionResult.Done(action, $"{id} detached from Auto Scaling group {membership.GroupName} (desired capacity lowered by one: no replacement)",
            Before(membership), Inverse(action, membership.GroupName));
    }

    private static string Before(GroupMembership membership) =>
        StateJson.Of((GroupName, membership.GroupName), ("lifecycleState", membership.LifecycleState));

    private static PlannedAction Inverse(PlannedAction action, string group) =>
        PlannedAction.Create(AttachToGroup, action.Target, $"rollback: attach {action.Require(InstanceId)} to Auto Scaling group {group} again",
            (InstanceId, action.Require(InstanceId)), (GroupName, group));
}

/// <summary>The inverse of detaching: the instance joins its recorded group again (desired capacity back up by one).</summary>
public sealed class AttachToGroupHandler(AutoScalingClient autoScaling) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => AttachToGroup;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var id = action.Require(InstanceId);
        var group = action.Require(GroupName);
        if (await autoScaling.MembershipAsync(id, ct) is { } now)
        {
            return ActionResult.Done(action, $"{id} already belongs to Auto Scaling group {now.GroupName}", null, null);
        }
        await autoScaling.AttachAsync(group, id, ct);
        return ActionResult.Done(action, $"{id} attached to Auto Scaling group {group} again", null, null);
    }
}
