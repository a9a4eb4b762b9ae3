namespace Remediation.IntegrationTests.Permissions;

/// <summary>
/// The IAM requests of the EC2 and EC2 Auto Scaling calls, by the Service Authorization Reference ("Actions, resources,
/// and condition keys for Amazon EC2" and "for Amazon EC2 Auto Scaling"): Describe calls and
/// DescribeAutoScalingInstances take no resource; a call that creates a resource with TagSpecifications also needs
/// ec2:CreateTags on it, with ec2:CreateAction naming the call (EC2 User Guide, "Grant permission to tag resources
/// during creation"); a request carrying tags has aws:RequestTag/key and aws:TagKeys.
/// </summary>
public static partial class CallPermissions
{
    private static List<AccessRequest> Ec2(string op, JsonElement p, ProofAccount a)
    {
        string Arn(string type, string id) => $"arn:aws:ec2:{a.Region}:{a.AccountId}:{type}/{id}";
        AccessRequest Group(string action, string id) =>
            Request(action, Arn("security-group", id), [.. a.GroupTags(id).Select(t => ("ec2:ResourceTag/" + t.Key, t.Value))]);
        var tags = Members(p, "TagSpecification.1.Tag", "Key").Zip(Members(p, "TagSpecification.1.Tag", "Value")).ToList();
        (string, string)[] requestTags = [.. tags.Select(t => ("aws:RequestTag/" + t.First, t.Second)), .. tags.Select(t => ("aws:TagKeys", t.First))];
        switch (op)
        {
            case "DescribeInstances" or "DescribeNetworkInterfaces" or "DescribeSecurityGroups" or "DescribeSnapshots" or "DescribeVolumes":
                return [Request("ec2:" + op, "*")];
            case "DescribeInstanceAttribute" or "ModifyInstanceAttribute":
                return [Request("ec2:" + op, Arn("instance", Str(p, "InstanceId")!))];
            case "ModifyNetworkInterfaceAttribute":
                return [Request("ec2:" + op, Arn("network-interface", Str(p, "NetworkInterfaceId")!)),
                    .. Members(p, "SecurityGroupId", null).Select(g => Group("ec2:" + op, g))];
            case "CreateSecurityGroup":
                return [Request("ec2:" + op, Arn("vpc", Str(p, "VpcId")!)), Request("ec2:" + op, Arn("security-group", "*"), requestTags),
                    Request("ec2:CreateTags", Arn("security-group", "*"), [("ec2:CreateAction", op), .. requestTags])];
            case "RevokeSecurityGroupEgress" or "AuthorizeSecurityGroupIngress" or "AuthorizeSecurityGroupEgress":
                return [Group("ec2:" + op, Str(p, "GroupId")!)];
            case "CreateSnapshot":
                var snapshot = $"arn:aws:ec2:{a.Region}::snapshot/*";
                return [Request("ec2:" + op, Arn("volume", Str(p, "VolumeId")!)), Request("ec2:" + op, snapshot, requestTags),
                    Request("ec2:CreateTags", snapshot, [("ec2:CreateAction", op), .. requestTags])];
            case "CreateTags" or "DeleteTags":
                var keys = Members(p, "Tag", "Key").Select(k => ("aws:TagKeys", k)).ToArray();
                return [.. Members(p, "ResourceId", null).Select(id => Request("ec2:" + op, Arn(id.StartsWith("i-", StringComparison.Ordinal) ? "instance" : "resource", id), keys))];
            default:
                throw new NotSupportedException($"the permission proof cannot map ec2:{op}; add it to CallPermissions");
        }
    }

    private static List<AccessRequest> AutoScaling(string op, JsonElement p, ProofAccount a) => op switch
    {
        "DescribeAutoScalingInstances" => [Request("autoscaling:" + op, "*")],
        "DetachInstances" or "AttachInstances" =>
            [Request("autoscaling:" + op, $"arn:aws:autoscaling:{a.Region}:{a.AccountId}:autoScalingGroup:*:autoScalingGroupName/{Str(p, "AutoScalingGroupName")}")],
        _ => throw new NotSupportedException($"the permission proof cannot map autoscaling:{op}; add it to CallPermissions"),
    };

    // Query lists: Name.1, Name.2, ... (or Name.1.Member when member is given).
    private static IEnumerable<string> Members(JsonElement p, string name, string? member)
    {
        for (var i = 1; Str(p, member is null ? $"{name}.{i}" : $"{name}.{i}.{member}") is { } value; i++)
        {
            yield return value;
        }
    }
}
