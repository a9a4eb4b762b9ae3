using Remediation.Core.Notifications;
using Remediation.Tests.Events;

namespace Remediation.Tests.Notifications;

/// <summary>What a subject says must be what happened.</summary>
public sealed class TruthfulSubjectTests
{
    [Fact]
    public void A_clean_scan_is_not_labelled_malware_found()
    {
        var clean = SampleEvents.Parse("guardduty/malware-object-scan-no-threats.json").Finding!;
        Assert.Equal("clean scan", FindingDescriptions.Brief(clean));
        Assert.Equal("LOW", clean.Severity.LabelText);
    }

    [Theory]
    [InlineData("UNSUPPORTED")]
    [InlineData("ACCESS_DENIED")]
    [InlineData("FAILED")]
    public void A_scan_that_could_not_run_is_a_medium_blind_spot(string status)
    {
        var finding = SampleEvents.ParseEdited("guardduty/malware-object-scan-no-threats.json",
            e => e["detail"]!["scanResultDetails"]!["scanResultStatus"] = status).Finding!;
        Assert.Equal("MEDIUM", finding.Severity.LabelText);
        Assert.Equal("malware scan could not run: " + status, FindingDescriptions.Brief(finding));
    }
}

public sealed class ResourceNamingTests
{
    [Theory]
    [InlineData("Lambda", "lambdaDetails", """{"functionName":"ml-inference-handler","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:ml-inference-handler"}""", "Reported Lambda function ml-inference-handler")]
    [InlineData("RDSDBInstance", "rdsDbInstanceDetails", """{"dbInstanceIdentifier":"feature-store","engine":"aurora-postgresql"}""", "Reported RDS database feature-store")]
    [InlineData("EKSCluster", "eksClusterDetails", """{"name":"training-cluster","arn":"arn:aws:eks:us-east-1:123456789012:cluster/training-cluster"}""", "Reported EKS cluster training-cluster")]
    public void A_finding_about_a_function_database_or_cluster_names_it(string resourceType, string member, string details, string headline)
    {
        // Resource shapes of the GuardDuty API reference (Resource: lambdaDetails, rdsDbInstanceDetails, eksClusterDetails).
        var finding = SampleEvents.ParseEdited("guardduty/s3-exfiltration-anomalous.json", e =>
        {
            var resource = new System.Text.Json.Nodes.JsonObject { ["resourceType"] = resourceType, [member] = System.Text.Json.Nodes.JsonNode.Parse(details) };
            e["detail"]!["resource"] = resource;
        }).Finding!;
        Assert.Equal(headline, ReportHeadline.For(finding).Done);
    }
}
