namespace Remediation.Tests.Events;

public class S3ObjectFindingNormalizationTests
{
    private const string MaliciousFile = "guardduty/s3-malicious-file-finding.json";
    private const string Macie = "macie/sensitive-data-s3object-personal.json";

    [Fact]
    public void GuardDuty_malicious_file_finding_names_the_exact_object_version_and_its_threats()
    {
        var finding = SampleEvents.Parse(MaliciousFile).Finding!;
        Assert.Equal(FindingSource.GuardDuty, finding.Source);
        Assert.Equal("Object:S3/MaliciousFile", finding.Type);
        Assert.Equal("guardduty:a4c8e2f61b3d4e5f8a9b0c1d2e3f4a5b", finding.DedupeKey);
        var resource = Assert.IsType<ResourceRef>(finding.Resource);
        Assert.Equal(ResourceKind.S3Object, resource.Kind);
        Assert.Equal("arn:aws:s3:::ml-training-data/uploads/pretrained-resnet50.pkl", resource.Arn);
        var scan = Assert.IsType<MalwareScan>(finding.Scan);
        Assert.Equal(("ml-training-data", "uploads/pretrained-resnet50.pkl", "Xk7pQ2mZr9LsT4vB8nW1yHc3dF6gJ0aE"), (scan.Bucket, scan.Key, scan.VersionId));
        Assert.Equal("THREATS_FOUND", scan.ResultStatus);
        Assert.Equal(["EICAR-Test-File (not a virus)"], scan.Threats);
    }

    [Fact]
    public void GuardDuty_malicious_file_finding_without_scan_details_still_names_the_object()
    {
        var result = SampleEvents.ParseEdited(MaliciousFile, e => e["detail"]!["service"]!.AsObject().Remove("malwareScanDetails"));
        Assert.True(result.IsSuccess);
        Assert.Empty(result.Finding!.Scan!.Threats);
    }

    [Fact]
    public void GuardDuty_malicious_file_finding_keeps_the_object_whatever_its_resource_type()
    {
        var result = SampleEvents.ParseEdited(MaliciousFile, e => e["detail"]!["resource"]!["resourceType"] = "S3Bucket");
        Assert.Equal("uploads/pretrained-resnet50.pkl", result.Finding!.Scan!.Key);
    }

    [Fact]
    public void Other_guardduty_findings_have_no_scan()
    {
        Assert.Null(SampleEvents.Parse("guardduty/s3-exfiltration-anomalous.json").Finding!.Scan);
    }

    [Fact]
    public void Macie_sensitive_data_finding_names_the_object_version_and_the_data_types()
    {
        var finding = SampleEvents.Parse(Macie).Finding!;
        Assert.Equal(FindingSource.Macie, finding.Source);
        Assert.Equal("SensitiveData:S3Object/Personal", finding.Type);
        Assert.Equal("macie:64b917aa3ed2b34a91ba3a9ab3d9b4f2", finding.DedupeKey);
        Assert.Equal(8, finding.Severity.Score);
        Assert.False(finding.IsSample);
        var resource = Assert.IsType<ResourceRef>(finding.Resource);
        Assert.Equal(ResourceKind.S3Object, resource.Kind);
        Assert.Equal("b3NlY3VyZS1kYXRhc2V0LXYxLjAuMA..", resource.Attributes["versionId"]);
        Assert.Equal("datasets/train.csv", resource.Attributes["key"]);
        Assert.Equal("PERSONAL_INFORMATION: NAME (2)", resource.Attributes["sensitiveData"]);
    }

    [Theory]
    [InlineData("Low", 2)]
    [InlineData("Medium", 5)]
    [InlineData("High", 8)]
    public void Macie_severity_maps_to_the_guardduty_bands(string description, double score)
    {
        var result = SampleEvents.ParseEdited(Macie, e => e["detail"]!["severity"] = new JsonObject { ["score"] = 1, ["description"] = description });
        Assert.Equal(score, result.Finding!.Severity.Score);
    }

    [Fact]
    public void Macie_sample_findings_are_samples()
    {
        Assert.True(SampleEvents.ParseEdited(Macie, e => e["detail"]!["sample"] = true).Finding!.IsSample);
    }

    [Fact]
    public void Macie_policy_finding_names_the_bucket()
    {
        var result = SampleEvents.ParseEdited(Macie, e =>
        {
            e["detail"]!["type"] = "Policy:IAMUser/S3BucketPublic";
            e["detail"]!["resourcesAffected"]!.AsObject().Remove("s3Object");
        });
        Assert.Equal(ResourceKind.S3Bucket, result.Finding!.Resource!.Kind);
    }

    [Theory]
    [InlineData("id", "detail.id")]
    [InlineData("type", "detail.type")]
    [InlineData("severity", "detail.severity")]
    [InlineData("resourcesAffected", "detail.resourcesAffected")]
    public void Macie_missing_required_members_are_named(string member, string path)
    {
        var result = SampleEvents.ParseEdited(Macie, e => e["detail"]!.AsObject().Remove(member));
        Assert.False(result.IsSuccess);
        Assert.Equal(ParseErrorCodes.MissingField, result.Error!.Code);
        Assert.Contains(path, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Macie_without_a_bucket_name_is_rejected_naming_it()
    {
        var result = SampleEvents.ParseEdited(Macie, e => e["detail"]!["resourcesAffected"]!["s3Bucket"]!.AsObject().Remove("name"));
        Assert.Contains("detail.resourcesAffected.s3Bucket.name", result.Error!.Message, StringComparison.Ordinal);
    }
}
