using Remediation.Core.Configuration;
using Remediation.StopTrainingJob;

namespace Remediation.Tests.StopTrainingJob;

public sealed class TrainingPolicyTests
{
    private static TrainingPolicy Load(string? json) =>
        TrainingPolicy.Load(new EnvironmentReader(new Dictionary<string, string?> { ["TRAINING_POLICY"] = json }));

    [Fact]
    public void Unset_means_only_kms_is_required()
    {
        var policy = Load(null);
        Assert.True(policy.RequireKms);
        Assert.False(policy.RequireVpc);
        Assert.False(policy.RequireNetworkIsolation);
        Assert.Null(policy.ApprovedImageRegistries);
        Assert.Null(policy.MaxInstanceCount);
        Assert.Equal(policy, Load("{}"));
    }

    [Fact]
    public void Every_member_is_read()
    {
        var policy = Load("""
            {"requireNetworkIsolation": true, "requireVpc": true, "requireKms": false,
             "approvedImageRegistries": ["123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/"], "allowedOutputBuckets": ["ml-*"],
             "maxInstanceCount": 4, "allowedInstanceTypes": ["ml.m5.*"], "maxRuntimeSeconds": 3600,
             "allowedRoleArns": ["arn:aws:iam::*:role/sagemaker-*"]}
            """);
        Assert.Equal((true, true, false, 4, 3600), (policy.RequireNetworkIsolation, policy.RequireVpc, policy.RequireKms, policy.MaxInstanceCount, policy.MaxRuntimeSeconds));
        Assert.Equal(["123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/"], policy.ApprovedImageRegistries!);
        Assert.Equal(["ml-*"], policy.AllowedOutputBuckets!);
        Assert.Equal(["ml.m5.*"], policy.AllowedInstanceTypes!);
        Assert.Equal(["arn:aws:iam::*:role/sagemaker-*"], policy.AllowedRoleArns!);
    }

    [Theory]
    [InlineData("{not json", null)]
    [InlineData("null", null)]
    [InlineData("""{"maxInstanceCount": "four"}""", "maxInstanceCount")]
    [InlineData("""{"requireVpc": "yes"}""", "requireVpc")]
    [InlineData("""{"allowedInstanceTypes": "ml.m5.*"}""", "allowedInstanceTypes")]
    [InlineData("""{"requireKMS": false}""", "requireKMS")]
    [InlineData("""{"maxInstanceCount": 0}""", "maxInstanceCount")]
    [InlineData("""{"maxRuntimeSeconds": -5}""", "maxRuntimeSeconds")]
    [InlineData("""{"allowedOutputBuckets": ["ok", ""]}""", "allowedOutputBuckets")]
    [InlineData("""{"approvedImageRegistries": ["docker.io/library"]}""", "approvedImageRegistries")]
    public void A_malformed_policy_fails_naming_the_variable_and_the_member(string json, string? member)
    {
        var error = Assert.Throws<SettingsException>(() => Load(json));
        Assert.Contains("TRAINING_POLICY", error.Message, StringComparison.Ordinal);
        if (member is not null)
        {
            Assert.Contains(member, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_read_the_role_patterns_and_the_guardduty_threshold()
    {
        var options = StopTrainingJobOptions.Load(new EnvironmentReader(new Dictionary<string, string?>
        {
            ["SAGEMAKER_ROLE_PATTERNS"] = "ml-*-exec, arn:aws:iam::*:role/train-*",
            ["GUARDDUTY_MIN_SEVERITY"] = "8",
        }));
        Assert.Equal(["ml-*-exec", "arn:aws:iam::*:role/train-*"], options.RolePatterns);
        Assert.Equal(8, options.GuardDutyMinSeverity);
        Assert.Throws<SettingsException>(() => StopTrainingJobOptions.Load(new EnvironmentReader(new Dictionary<string, string?> { ["GUARDDUTY_MIN_SEVERITY"] = "11" })));
    }
}
