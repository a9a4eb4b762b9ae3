namespace Remediation.Tests.Routing;

/// <summary>Rules shaped like the ones template.yaml gives the remediation functions, against realistic events.</summary>
public sealed class RealisticRuleTests
{
    private const string HighSeverityAccessKeyFinding = """
        {"source":["aws.guardduty"],"detail-type":["GuardDuty Finding"],
         "detail":{"severity":[{"numeric":[">=",7]}],"resource":{"resourceType":["AccessKey"]}}}
        """;

    private const string SuccessfulAttachUserPolicy = """
        {"source":["aws.iam"],"detail-type":["AWS API Call via CloudTrail"],
         "detail":{"eventName":["AttachUserPolicy"],"errorCode":[{"exists":false}]}}
        """;

    [Theory]
    [InlineData(8, "AccessKey", true)]
    [InlineData(7, "AccessKey", true)]
    [InlineData(9.5, "AccessKey", true)]
    [InlineData(6.9, "AccessKey", false)]
    [InlineData(8, "Instance", false)]
    public void GuardDuty_rule_routes_high_severity_access_key_findings(double severity, string resourceType, bool expected) =>
        Assert.Equal(expected, Match.Of(HighSeverityAccessKeyFinding, SampleEvents.GuardDuty(severity, resourceType)));

    [Fact]
    public void GuardDuty_rule_ignores_other_sources()
    {
        var cloudTrail = SampleEvents.CloudTrail("AttachUserPolicy");
        Assert.False(Match.Of(HighSeverityAccessKeyFinding, cloudTrail));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void GuardDuty_rule_can_leave_out_sample_findings(bool? sample, bool expected)
    {
        const string realFindingsOnly = """
            {"source":["aws.guardduty"],"detail":{"service":{"additionalInfo":{"sample":[{"exists":false},false]}}}}
            """;
        Assert.Equal(expected, Match.Of(realFindingsOnly, SampleEvents.GuardDuty(8, sample: sample)));
    }

    [Fact]
    public void CloudTrail_rule_routes_a_successful_AttachUserPolicy() =>
        Assert.True(Match.Of(SuccessfulAttachUserPolicy, SampleEvents.CloudTrail("AttachUserPolicy")));

    [Fact]
    public void CloudTrail_rule_skips_a_denied_call() =>
        Assert.False(Match.Of(SuccessfulAttachUserPolicy, SampleEvents.CloudTrail("AttachUserPolicy", errorCode: "AccessDenied")));

    [Fact]
    public void CloudTrail_rule_skips_other_api_calls() =>
        Assert.False(Match.Of(SuccessfulAttachUserPolicy, SampleEvents.CloudTrail("DetachUserPolicy")));

    [Theory]
    [InlineData("arn:aws:iam::111122223333:user/alice", true)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/session", false)]
    public void CloudTrail_rule_can_exclude_service_linked_roles(string userArn, bool expected)
    {
        const string pattern = """
            {"source":["aws.iam"],"detail":{"eventName":[{"prefix":"Attach"},"PutUserPolicy"],
             "userIdentity":{"arn":[{"anything-but":{"wildcard":"arn:aws:sts::*:assumed-role/AWSServiceRole*"}}]}}}
            """;
        Assert.Equal(expected, Match.Of(pattern, SampleEvents.CloudTrail("AttachUserPolicy", userArn: userArn)));
    }

    [Theory]
    [InlineData("access-keys-rotated", "NON_COMPLIANT", true)]
    [InlineData("access-keys-rotated-conformance-pack-x1y2", "NON_COMPLIANT", true)]
    [InlineData("access-keys-rotated", "COMPLIANT", false)]
    [InlineData("s3-bucket-versioning-enabled", "NON_COMPLIANT", false)]
    public void Config_rule_routes_non_compliant_key_rotation_by_rule_name_prefix(string ruleName, string compliance, bool expected)
    {
        const string pattern = """
            {"source":["aws.config"],"detail-type":["Config Rules Compliance Change"],
             "detail":{"configRuleName":[{"prefix":"access-keys-rotated"}],
                       "newEvaluationResult":{"complianceType":["NON_COMPLIANT"]}}}
            """;
        Assert.Equal(expected, Match.Of(pattern, SampleEvents.ConfigCompliance(ruleName, compliance)));
    }
}
