using Amazon.EC2;
using Amazon.EC2.Model;

namespace Remediation.Actions.Ec2;

/// <summary>
/// The two security groups this stack makes in a VPC, once, and reuses: the <b>untracking</b> group (all traffic in and
/// out from 0.0.0.0/0 and ::/0) and the <b>isolation</b> group (no rules at all). An interface moved to the untracking
/// group has every flow untracked; moving it on to the isolation group then ends them at once, where a direct move would
/// let tracked connections run on until they time out (Amazon EC2 User Guide, "Security group connection tracking":
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html, "Untracked connections"
/// and "Interrupted connections").
/// </summary>
public sealed class IsolationGroups(IAmazonEC2 ec2)
{
    /// <summary>The isolation group's name in every VPC.</summary>
    public const string IsolationName = "remediation-isolation";
    /// <summary>The untracking group's name in every VPC.</summary>
    public const string UntrackingName = "remediation-untracking";

    private static readonly string[] AllIpv4 = ["0.0.0.0/0"];
    private static readonly string[] AllIpv6 = ["::/0"];

    /// <summary>The isolation group of the VPC, made now when it has none.</summary>
    public Task<string> IsolationAsync(string vpcId, CancellationToken ct) =>
        FindOrMakeAsync(vpcId, IsolationName, "isolation",
            "Remediation: no rules; an isolated instance can neither send nor receive", IsolateAsync, ct);

    /// <summary>The untracking group of the VPC, made now when it has none.</summary>
    public Task<string> UntrackingAsync(string vpcId, CancellationToken ct) =>
        FindOrMakeAsync(vpcId, UntrackingName, "untracking",
            "Remediation: all traffic, so flows are untracked for a moment before isolation ends them", OpenAsync, ct);

    /// <summary>True when the groups are exactly the VPC's isolation group, by the name this stack gives it.</summary>
    public static bool IsIsolated(IReadOnlyList<GroupIdentifier> groups) =>
        groups is [{ GroupName: IsolationName }];

    private async Task<string> FindOrMakeAsync(string vpcId, string name, string role, string description,
        Func<string, CancellationToken, Task> shape, CancellationToken ct)
    {
        if (await FindAsync(vpcId, name, ct) is { } existing)
        {
            return existing;
        }
        string id;
        try
        {
            id = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = name,
                Description = description,
                VpcId = vpcId,
                TagSpecifications = [new TagSpecification { ResourceType = ResourceType.SecurityGroup, Tags = [new Tag(Ec2Actions.GroupRoleTag, role)] }],
            }, ct)).GroupId;
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidGroup.Duplicate")
        {
            // Another invocation made it first: use theirs.
            var theirs = await FindAsync(vpcId, name, ct);
            if (theirs is null)
            {
                throw;
            }
            return theirs;
        }
        await shape(id, ct);
        return id;
    }

    private async Task<string?> FindAsync(string vpcId, string name, CancellationToken ct)
    {
        var found = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [vpcId]), new Filter("group-name", [name])],
        }, ct);
        return found.SecurityGroups?.FirstOrDefault()?.GroupId;
    }

    // A new group allows all egress by default; the isolation group keeps nothing.
    private async Task IsolateAsync(string groupId, CancellationToken ct) =>
        await ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest
        {
            GroupId = groupId,
            IpPermissions = [AllTraffic()],
        }, ct);

    // All in from everywhere (v4 and v6), and ::/0 out beside the default 0.0.0.0/0 out: every flow is untracked.
    private async Task OpenAsync(string groupId, CancellationToken ct)
    {
        await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = [AllTraffic(), AllTraffic(v6: true)] }, ct);
        await ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = [AllTraffic(v6: true)] }, ct);
    }

    private static IpPermission AllTraffic(bool v6 = false) => v6
        ? new IpPermission { IpProtocol = "-1", Ipv6Ranges = [.. AllIpv6.Select(c => new Ipv6Range { CidrIpv6 = c })] }
        : new IpPermission { IpProtocol = "-1", Ipv4Ranges = [.. AllIpv4.Select(c => new IpRange { CidrIp = c })] };
}
