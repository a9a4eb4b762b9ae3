namespace Remediation.Core.Notifications;

/// <summary>The headline of a finding that is only reported: who or what it is about.</summary>
public static class ReportHeadline
{
    /// <summary>"Reported IAM user data-scientist-bob", "Reported s3://bucket/key".</summary>
    public static Headline For(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var subject = finding switch
        {
            { Scan: { } scan } => $"s3://{scan.Bucket}/{scan.Key}",
            { Principal: { } p } => NotificationComposer.Describe(p),
            { Compliance: { } c } => $"{c.ResourceType} {c.ResourceId}",
            { Resource: { Kind: ResourceKind.Ec2Instance } r } => "EC2 instance " + r.Id,
            { Resource: { Kind: ResourceKind.Other } r } when r.Attributes.TryGetValue("awsType", out var type) => $"{Noun(type)} {r.Id}",
            { Resource: { } r } => r.Arn ?? r.Id,
            _ => finding.AccountId,
        };
        return Headline.Same("Reported " + subject);
    }

    /// <summary>GuardDuty's resourceType as a reader says it.</summary>
    private static string Noun(string resourceType) => resourceType switch
    {
        "Instance" => "EC2 instance",
        "Lambda" => "Lambda function",
        "RDSDBInstance" => "RDS database",
        "EKSCluster" => "EKS cluster",
        "ECSCluster" => "ECS cluster",
        _ => resourceType,
    };
}
