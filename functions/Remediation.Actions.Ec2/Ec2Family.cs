using Amazon.EC2;

namespace Remediation.Actions.Ec2;

/// <summary>Isolating an EC2 instance, and the rollback-only inverses.</summary>
public static class Ec2Family
{
    /// <summary>Interfaces isolated, protection on, evidence snapshots, tag, Auto Scaling detach.</summary>
    public static IEnumerable<IActionHandler> Isolation(IAmazonEC2 ec2, AutoScalingClient autoScaling)
    {
        yield return new IsolateInterfaceHandler(ec2);
        yield return new ProtectInstanceHandler(ec2);
        yield return new SnapshotVolumeHandler(ec2);
        yield return new IsolatedTagHandler(ec2, add: true);
        yield return new DetachFromGroupHandler(autoScaling);
    }

    /// <summary>Rollback only: groups restored, protection as it was, tag removed, attached again.</summary>
    public static IEnumerable<IActionHandler> Rollback(IAmazonEC2 ec2, AutoScalingClient autoScaling)
    {
        yield return new RestoreInterfaceGroupsHandler(ec2);
        yield return new SetProtectionHandler(ec2);
        yield return new IsolatedTagHandler(ec2, add: false);
        yield return new AttachToGroupHandler(autoScaling);
    }

    /// <summary>The official EC2 client, built once per factory; only this family ships its SDK.</summary>
    public static IAmazonEC2 Ec2(this AwsClientFactory aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return aws.Sdk<AmazonEC2Client, AmazonEC2Config>(AwsServiceInfo.Ec2, (credentials, config) => new(credentials, config));
    }

    /// <summary>Our Auto Scaling client (no official SDK is served here), built once per factory.</summary>
    public static AutoScalingClient AutoScaling(this AwsClientFactory aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return aws.Own(AwsServiceInfo.AutoScaling, transport => new AutoScalingClient(transport));
    }
}
