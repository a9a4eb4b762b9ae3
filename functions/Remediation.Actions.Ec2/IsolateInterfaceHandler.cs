using Amazon.EC2;
using Amazon.EC2.Model;
using static Remediation.Actions.Ec2.Ec2Actions;

namespace Remediation.Actions.Ec2;

/// <summary>
/// Isolates one network interface: its security groups become the VPC's untracking group and then the isolation group
/// (<see cref="IsolationGroups"/>), so tracked connections end too. The groups it had are recorded before the write;
/// the inverse sets them back exactly. An interface already in the isolation group is left as it is.
/// </summary>
public sealed class IsolateInterfaceHandler(IAmazonEC2 ec2) : IIntentHandler
{
    private readonly IsolationGroups groups = new(ec2);
    private readonly PreparedRead<NetworkInterface> read = new();

    /// <inheritdoc />
    public string Kind => IsolateInterface;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var eni = await read.ReadAsync(action, () => Ec2Reads.InterfaceAsync(ec2, action.Require(NetworkInterfaceId), ct));
        return eni is null || IsolationGroups.IsIsolated(eni.Groups ?? []) ? null : new ActionIntent(Before(eni), Inverse(action, eni));
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var id = action.Require(NetworkInterfaceId);
        var eni = await read.TakeOrReadAsync(action, () => Ec2Reads.InterfaceAsync(ec2, id, ct));
        if (eni is null)
        {
            return ActionResult.Skipped(action, $"network interface {id} no longer exists; nothing to isolate");
        }
        if (eni.Attachment?.InstanceId != action.Require(InstanceId))
        {
            return ActionResult.Skipped(action, $"network interface {id} is no longer attached to {action.Require(InstanceId)}; left as it is");
        }
        var current = eni.Groups ?? [];
        if (IsolationGroups.IsIsolated(current))
        {
            return ActionResult.Done(action, $"network interface {id} was already in the isolation group {current[0].GroupId}", Before(eni), null);
        }
        var vpc = action.Require(VpcId);
        var untracking = await groups.UntrackingAsync(vpc, ct);
        var isolation = await groups.IsolationAsync(vpc, ct);
        await SetGroupsAsync(id, untracking, ct);
        await SetGroupsAsync(id, isolation, ct);
        return ActionResult.Done(action,
            $"network interface {id}: security groups {Ids(current)} replaced by the isolation group {isolation} (through {untracking}, so tracked connections end too)",
            Before(eni), Inverse(action, eni));
    }

    private async Task SetGroupsAsync(string interfaceId, string groupId, CancellationToken ct) =>
        await ec2.ModifyNetworkInterfaceAttributeAsync(new ModifyNetworkInterfaceAttributeRequest { NetworkInterfaceId = interfaceId, Groups = [groupId] }, ct);

    private static string Ids(List<GroupIdentifier> groups) => groups.Count == 0 ? "(none)" : string.Join(",", groups.Select(g => g.GroupId));

    private static string Before(NetworkInterface eni) =>
        StateJson.Of((NetworkInterfaceId, eni.NetworkInterfaceId), (Groups, Ids(eni.Groups ?? [])));

    private static PlannedAction Inverse(PlannedAction action, NetworkInterface eni) =>
        PlannedAction.Create(RestoreInterfaceGroups, action.Target, $"rollback: give network interface {eni.NetworkInterfaceId} its security groups back",
            (InstanceId, action.Require(InstanceId)), (NetworkInterfaceId, eni.NetworkInterfaceId), (Groups, string.Join(",", (eni.Groups ?? []).Select(g => g.GroupId))));
}

/// <summary>The inverse of isolation: the interface's recorded security groups, exactly.</summary>
public sealed class RestoreInterfaceGroupsHandler(IAmazonEC2 ec2) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => RestoreInterfaceGroups;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var id = action.Require(NetworkInterfaceId);
        var wanted = action.Require(Groups).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var eni = await Ec2Reads.InterfaceAsync(ec2, id, ct);
        if (eni is null)
        {
            return ActionResult.Skipped(action, $"network interface {id} no longer exists; nothing to restore");
        }
        await ec2.ModifyNetworkInterfaceAttributeAsync(new ModifyNetworkInterfaceAttributeRequest { NetworkInterfaceId = id, Groups = [.. wanted] }, ct);
        return ActionResult.Done(action, $"network interface {id}: security groups {string.Join(",", wanted)} restored",
            StateJson.Of((NetworkInterfaceId, id), (Groups, string.Join(",", (eni.Groups ?? []).Select(g => g.GroupId)))), null);
    }
}
