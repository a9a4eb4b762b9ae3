namespace Remediation.Tests.Events;

public class GuardDutyNormalizationTests
{
    private const string Recon = "guardduty/recon-maliciousipcaller-user.json";
    private const string Exfiltration = "guardduty/credential-exfiltration-outside-aws.json";

    [Theory]
    [InlineData(null, false)]
    [InlineData("1", false)]
    [InlineData("2", true)]
    [InlineData("1500", true)]
    [InlineData("0", false)]
    [InlineData("\"3\"", false)]
    [InlineData("3.5", false)]
    [InlineData("1e400", false)]
    [InlineData("null", false)]
    public void Only_a_whole_count_above_one_marks_an_update_of_a_published_finding(string? count, bool republished)
    {
        var result = SampleEvents.ParseEdited(Exfiltration, e =>
        {
            var service = e["detail"]!["service"]!.AsObject();
            service.Remove("count");
            if (count is not null)
            {
                service["count"] = JsonNode.Parse(count);
            }
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(republished, result.Finding.Republished);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("{}", false)]
    [InlineData("""{"sample": true}""", true)]
    [InlineData("""{"sample": false}""", false)]
    [InlineData("""{"sample": "true"}""", false)]
    [InlineData("""{"sample": 1}""", false)]
    [InlineData("""{"sample": null}""", false)]
    [InlineData("""{"sample": {"value": true}}""", false)]
    [InlineData("\"sample\"", false)]
    [InlineData("[true]", false)]
    [InlineData("null", false)]
    [InlineData("""{"value": "{\"sample\":true}", "type": "default"}""", true)]
    [InlineData("""{"value": "not json", "type": "default"}""", false)]
    [InlineData("""{"anomalies": {"anomalousAPIs": "iam:[ListUsers:success]"}, "unusual": {"hoursOfDay": [1]}}""", false)]
    public void Only_a_json_true_sample_flag_marks_a_sample(string? additionalInfo, bool isSample)
    {
        var result = SampleEvents.ParseEdited(Recon, e =>
        {
            var service = e["detail"]!["service"]!.AsObject();
            if (additionalInfo is null)
            {
                service.Remove("additionalInfo");
            }
            else
            {
                service["additionalInfo"] = JsonNode.Parse(additionalInfo);
            }
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(isSample, result.Finding.IsSample);
    }

    [Fact]
    public void A_finding_without_service_is_not_a_sample()
    {
        var result = SampleEvents.ParseEdited(Recon, e => e["detail"]!.AsObject().Remove("service"));

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.False(result.Finding.IsSample);
    }

    [Theory]
    [InlineData(0.5, SeverityLabel.Informational)]
    [InlineData(1.0, SeverityLabel.Low)]
    [InlineData(2.0, SeverityLabel.Low)]
    [InlineData(3.9, SeverityLabel.Low)]
    [InlineData(4.0, SeverityLabel.Medium)]
    [InlineData(6.9, SeverityLabel.Medium)]
    [InlineData(7.0, SeverityLabel.High)]
    [InlineData(8.9, SeverityLabel.High)]
    [InlineData(9.0, SeverityLabel.Critical)]
    [InlineData(10.0, SeverityLabel.Critical)]
    public void Severity_numbers_map_to_guardduty_bands(double score, SeverityLabel label)
    {
        var result = SampleEvents.ParseEdited(Recon, e => e["detail"]!["severity"] = score);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(score, result.Finding.Severity.Score);
        Assert.Equal(label, result.Finding.Severity.Label);
    }

    [Fact]
    public void Root_credentials_give_a_root_principal()
    {
        var result = SampleEvents.ParseEdited(Recon, e => e["detail"]!["resource"]!["accessKeyDetails"] = new JsonObject
        {
            ["accessKeyId"] = "AKIAROOTKEY000000001",
            ["principalId"] = "123456789012",
            ["userType"] = "Root",
            ["userName"] = "Root",
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(PrincipalKind.Root, result.Finding.Principal?.Kind);
        Assert.Equal("arn:aws:iam::123456789012:root", result.Finding.Principal?.Arn);
        Assert.Equal("AKIAROOTKEY000000001", result.Finding.Principal?.AccessKeyId);
    }

    [Fact]
    public void Federated_user_gives_a_federated_principal()
    {
        var result = SampleEvents.ParseEdited(Recon, e => e["detail"]!["resource"]!["accessKeyDetails"] = new JsonObject
        {
            ["accessKeyId"] = "ASIAFEDERATED0000001",
            ["principalId"] = "123456789012:contractor",
            ["userType"] = "FederatedUser",
            ["userName"] = "contractor",
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(PrincipalKind.Federated, result.Finding.Principal?.Kind);
        Assert.Equal("contractor", result.Finding.Principal?.Name);
        Assert.Equal("contractor", result.Finding.Principal?.SessionName);
        Assert.Null(result.Finding.Principal?.Arn);
    }

    [Fact]
    public void Role_session_that_is_not_an_instance_has_no_instance_id()
    {
        var result = SampleEvents.ParseEdited(Exfiltration,
            e => e["detail"]!["resource"]!["accessKeyDetails"]!["principalId"] = "AROAQXMLTRAININGEC201:alice@example.com");

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("alice@example.com", result.Finding.Principal?.SessionName);
        Assert.Null(result.Finding.Principal?.Ec2InstanceId);
    }

    [Fact]
    public void Sample_s3_finding_takes_the_bucket_from_affected_resources()
    {
        var result = SampleEvents.ParseEdited("guardduty/s3-exfiltration-anomalous.json", e =>
        {
            e["detail"]!["resource"]!.AsObject().Remove("s3BucketDetails");
            e["detail"]!["service"]!["action"]!["awsApiCallAction"]!["affectedResources"] =
                new JsonObject { ["AWS::S3::Bucket"] = "generated-bucket" };
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(ResourceKind.S3Bucket, result.Finding.Resource?.Kind);
        Assert.Equal("generated-bucket", result.Finding.Resource?.Id);
    }

    [Fact]
    public void Instance_finding_without_access_key_details_has_no_principal()
    {
        var result = SampleEvents.ParseEdited(Recon, e =>
        {
            e["detail"]!["type"] = "CryptoCurrency:EC2/BitcoinTool.B!DNS";
            e["detail"]!["resource"] = new JsonObject
            {
                ["resourceType"] = "Instance",
                ["instanceDetails"] = new JsonObject { ["instanceId"] = "i-0abc1234def567890" },
            };
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Null(result.Finding.Principal);
        Assert.Equal(ResourceKind.Ec2Instance, result.Finding.Resource?.Kind);
        Assert.Equal("i-0abc1234def567890", result.Finding.Resource?.Id);
        Assert.Equal("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc1234def567890", result.Finding.Resource?.Arn);
        Assert.Equal("Instance", result.Finding.Resource?.Attributes["awsType"]);
    }

    [Fact]
    public void An_instance_finding_without_an_instance_id_names_no_instance()
    {
        var result = SampleEvents.ParseEdited(Recon, e =>
        {
            e["detail"]!["type"] = "CryptoCurrency:EC2/BitcoinTool.B!DNS";
            e["detail"]!["resource"] = new JsonObject { ["resourceType"] = "Instance", ["instanceDetails"] = new JsonObject { ["instanceId"] = "" } };
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(ResourceKind.Other, result.Finding.Resource?.Kind);
    }
}
