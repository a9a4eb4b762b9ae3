using Remediation.Core.Aws.Protocol;

namespace Remediation.Actions.Ec2;

/// <summary>An instance's membership of an Auto Scaling group.</summary>
/// <param name="GroupName">The group.</param>
/// <param name="LifecycleState">InService, Standby, Detaching, ...</param>
public sealed record GroupMembership(string GroupName, string LifecycleState);

/// <summary>EC2 Auto Scaling over the Query protocol (version 2011-01-01): the three operations isolation needs.</summary>
public sealed class AutoScalingClient
{
    private readonly QueryClient _query;

    internal AutoScalingClient(AwsProtocolClient transport) => _query = new QueryClient(transport, "autoscaling", "2011-01-01");

    /// <summary>DescribeAutoScalingInstances for one instance: its group, or null when it belongs to none.</summary>
    public async Task<GroupMembership?> MembershipAsync(string instanceId, CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("DescribeAutoScalingInstances").Add("InstanceIds.member.1", instanceId), ct);
        var member = result.Members("AutoScalingInstances").FirstOrDefault(m => m.Text("InstanceId") == instanceId);
        return member is null ? null : new GroupMembership(member.Required("AutoScalingGroupName"), member.Text("LifecycleState") ?? "");
    }

    /// <summary>
    /// DetachInstances with ShouldDecrementDesiredCapacity=true: the group's desired capacity drops by one, so it
    /// launches no replacement and never terminates the detached instance (EC2 Auto Scaling User Guide, "Detach or
    /// attach instances").
    /// </summary>
    public Task DetachAsync(string groupName, string instanceId, CancellationToken ct) =>
        _query.CallAsync(_query.Request("DetachInstances")
            .Add("InstanceIds.member.1", instanceId)
            .Add("AutoScalingGroupName", groupName)
            .Add("ShouldDecrementDesiredCapacity", "true"), ct);

    /// <summary>AttachInstances: the instance joins the group again and its desired capacity rises by one.</summary>
    public Task AttachAsync(string groupName, string instanceId, CancellationToken ct) =>
        _query.CallAsync(_query.Request("AttachInstances")
            .Add("InstanceIds.member.1", instanceId)
            .Add("AutoScalingGroupName", groupName), ct);
}
