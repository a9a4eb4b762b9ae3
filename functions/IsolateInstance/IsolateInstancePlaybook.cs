using Amazon.EC2;
using Amazon.EC2.Model;
using Remediation.Actions.Ec2;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Ledger;
using Remediation.Core.Notifications;

namespace Remediation.IsolateInstance;

/// <summary>
/// Reads the instance the finding names (DescribeInstances; then, at the same time, its profile's role and its Auto
/// Scaling group) and hands the facts to <see cref="IsolationPlanner"/>. Never writes.
/// </summary>
public sealed class IsolateInstancePlaybook(IAmazonEC2 ec2, AutoScalingClient autoScaling, IIam iam, string stackRegion, IsolateInstanceOptions options) : IPlaybook
{
    /// <summary>The function's logical name.</summary>
    public const string Name = "IsolateInstance";

    /// <inheritdoc />
    public string FunctionName => Name;

    /// <inheritdoc />
    public async Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (IsolationPlanner.Precheck(finding, stackRegion) is { } reportOnly)
        {
            return Plan.ReportOnly(reportOnly, ReportHeadline.For(finding));
        }
        var facts = await ReadAsync(finding.Resource!.Id, ct);
        return IsolationPlanner.Decide(finding, facts, options, IncidentIds.For(Name, finding.DedupeKey));
    }

    private async Task<InstanceFacts?> ReadAsync(string instanceId, CancellationToken ct)
    {
        Instance? instance;
        try
        {
            var found = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, ct);
            instance = found.Reservations?.SelectMany(r => r.Instances ?? []).FirstOrDefault(i => i.InstanceId == instanceId);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode is "InvalidInstanceID.NotFound" or "InvalidInstanceID.Malformed")
        {
            return null;
        }
        if (instance is null)
        {
            return null;
        }
        var interfaces = (instance.NetworkInterfaces ?? [])
            .Where(n => n.NetworkInterfaceId is not null)
            .Select(n => new InterfaceFacts(n.NetworkInterfaceId, n.VpcId ?? instance.VpcId ?? "", [.. (n.Groups ?? []).Select(g => g.GroupId)]))
            .ToList();
        var volumes = (instance.BlockDeviceMappings ?? []).Select(b => b.Ebs?.VolumeId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var tags = (instance.Tags ?? []).Where(t => t.Key is not null).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal);
        var role = RoleArnAsync(instance.IamInstanceProfile?.Arn, ct);
        var group = autoScaling.MembershipAsync(instanceId, ct);
        return new InstanceFacts(instance.InstanceId, instance.State?.Name?.Value ?? "unknown", instance.InstanceType?.Value ?? "unknown",
            instance.VpcId, instance.PrivateIpAddress, interfaces, volumes, await role, (await group)?.GroupName, tags);
    }

    // The profile's name is the last segment of its ARN (instance-profile/<path>/<name>).
    private async Task<string?> RoleArnAsync(string? profileArn, CancellationToken ct)
    {
        if (profileArn is null)
        {
            return null;
        }
        try
        {
            return (await iam.GetInstanceProfileRolesAsync(profileArn[(profileArn.LastIndexOf('/') + 1)..], ct)) is [{ } role, ..] ? role.Arn : null;
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            return null;
        }
    }
}
