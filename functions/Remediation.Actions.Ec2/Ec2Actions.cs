namespace Remediation.Actions.Ec2;

/// <summary>Kinds and parameter names of the EC2 isolation actions (IsolateInstance).</summary>
public static class Ec2Actions
{
    /// <summary>Moves one network interface into the VPC's isolation group (through the untracking group first).</summary>
    public const string IsolateInterface = "ec2:IsolateNetworkInterface";
    /// <summary>Sets a network interface's security groups to a recorded list (the inverse of isolating it).</summary>
    public const string RestoreInterfaceGroups = "ec2:RestoreNetworkInterfaceGroups";
    /// <summary>Turns termination and stop protection on.</summary>
    public const string Protect = "ec2:ProtectInstance";
    /// <summary>Sets termination and stop protection to recorded values (the inverse of protecting).</summary>
    public const string SetProtection = "ec2:SetInstanceProtection";
    /// <summary>Snapshots one EBS volume as evidence (never undone).</summary>
    public const string SnapshotVolume = "ec2:SnapshotVolume";
    /// <summary>Tags the instance remediation:isolated=&lt;incident&gt;.</summary>
    public const string TagIsolated = "ec2:TagInstanceIsolated";
    /// <summary>Removes that tag (the inverse).</summary>
    public const string UntagIsolated = "ec2:UntagInstanceIsolated";
    /// <summary>Detaches the instance from its Auto Scaling group, lowering the desired capacity (no replacement).</summary>
    public const string DetachFromGroup = "autoscaling:DetachInstances";
    /// <summary>Attaches it again (the inverse; raises the desired capacity back).</summary>
    public const string AttachToGroup = "autoscaling:AttachInstances";

    /// <summary>i-….</summary>
    public const string InstanceId = "instanceId";
    /// <summary>eni-….</summary>
    public const string NetworkInterfaceId = "networkInterfaceId";
    /// <summary>vpc-….</summary>
    public const string VpcId = "vpcId";
    /// <summary>Comma-separated security group ids.</summary>
    public const string Groups = "groups";
    /// <summary>"true" or "false".</summary>
    public const string Termination = "disableApiTermination";
    /// <summary>"true" or "false".</summary>
    public const string Stop = "disableApiStop";
    /// <summary>vol-….</summary>
    public const string VolumeId = "volumeId";
    /// <summary>The incident the evidence or the tag belongs to.</summary>
    public const string IncidentId = "incidentId";
    /// <summary>The finding the evidence belongs to.</summary>
    public const string FindingId = "findingId";
    /// <summary>The Auto Scaling group's name.</summary>
    public const string GroupName = "autoScalingGroupName";

    /// <summary>The tag IsolateInstance puts on an instance it isolated.</summary>
    public const string IsolatedTag = "remediation:isolated";
    /// <summary>Tags on evidence snapshots.</summary>
    public const string IncidentTag = "remediation:incident";
    /// <summary>Tags on evidence snapshots.</summary>
    public const string FindingTag = "remediation:finding";
    /// <summary>Marks the groups this stack makes (and nothing else): "isolation" or "untracking".</summary>
    public const string GroupRoleTag = "remediation:group";
}
