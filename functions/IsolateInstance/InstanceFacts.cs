namespace Remediation.IsolateInstance;

/// <summary>One network interface of the instance, as EC2 describes it now.</summary>
/// <param name="Id">eni-….</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="GroupIds">Its security groups.</param>
public sealed record InterfaceFacts(string Id, string VpcId, IReadOnlyList<string> GroupIds);

/// <summary>What EC2 and IAM say of the instance now: everything the plan names comes from here, never from the event.</summary>
/// <param name="InstanceId">i-….</param>
/// <param name="State">pending, running, stopping, stopped, shutting-down, terminated.</param>
/// <param name="InstanceType">p3.2xlarge, ….</param>
/// <param name="VpcId">The instance's VPC.</param>
/// <param name="PrivateIp">Its primary private address.</param>
/// <param name="Interfaces">Every attached network interface.</param>
/// <param name="VolumeIds">Every attached EBS volume.</param>
/// <param name="RoleArn">The role of its instance profile, when it has one.</param>
/// <param name="AutoScalingGroup">The Auto Scaling group it belongs to, when it does.</param>
/// <param name="Tags">Its tags.</param>
public sealed record InstanceFacts(
    string InstanceId,
    string State,
    string InstanceType,
    string? VpcId,
    string? PrivateIp,
    IReadOnlyList<InterfaceFacts> Interfaces,
    IReadOnlyList<string> VolumeIds,
    string? RoleArn,
    string? AutoScalingGroup,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The Name tag.</summary>
    public string? Name => Tags.GetValueOrDefault("Name");

    /// <summary>"i-0abc (gpu-trainer-1)".</summary>
    public string Label => Name is { Length: > 0 } name ? $"{InstanceId} ({name})" : InstanceId;
}
