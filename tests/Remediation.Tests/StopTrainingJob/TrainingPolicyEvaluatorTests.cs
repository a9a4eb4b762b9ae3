using Remediation.StopTrainingJob;

namespace Remediation.Tests.StopTrainingJob;

/// <summary>Each rule of the training policy: violated, satisfied, and missing from the request.</summary>
public sealed class TrainingPolicyEvaluatorTests
{
    private const string Account = "123456789012";
    private const string Region = "us-east-1";
    private const string Kms = "arn:aws:kms:us-east-1:123456789012:key/7f3c9a2e-51d4-4b8e-9c6a-2d1e0f4b8a73";

    /// <summary>A request that keeps every rule of <see cref="Strict"/>.</summary>
    private static JsonObject Compliant() => JsonNode.Parse($$"""
        {
          "trainingJobName": "fraud-model-2025",
          "roleArn": "arn:aws:iam::123456789012:role/sagemaker-exec",
          "algorithmSpecification": { "trainingImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3.0-gpu", "trainingInputMode": "File" },
          "outputDataConfig": { "s3OutputPath": "s3://ml-artifacts-123456789012/fraud/", "kmsKeyId": "{{Kms}}" },
          "resourceConfig": { "instanceType": "ml.g5.2xlarge", "instanceCount": 2, "volumeSizeInGB": 50, "volumeKmsKeyId": "{{Kms}}" },
          "vpcConfig": { "securityGroupIds": ["sg-1"], "subnets": ["subnet-1"] },
          "stoppingCondition": { "maxRuntimeInSeconds": 86400 },
          "enableNetworkIsolation": true
        }
        """)!.AsObject();

    private static readonly TrainingPolicy Strict = TrainingPolicy.Parse("""
        {"requireNetworkIsolation": true, "requireVpc": true, "requireKms": true,
         "allowedOutputBuckets": ["ml-artifacts-*"], "maxInstanceCount": 4, "allowedInstanceTypes": ["ml.g5.*", "ml.m5.*"],
         "maxRuntimeSeconds": 172800, "allowedRoleArns": ["arn:aws:iam::123456789012:role/sagemaker-*"]}
        """);

    private static IReadOnlyList<PolicyViolation> Evaluate(JsonObject request, TrainingPolicy? policy = null, JobKind kind = JobKind.Training)
    {
        using var document = JsonDocument.Parse(request.ToJsonString());
        return TrainingPolicyEvaluator.Evaluate(policy ?? Strict, kind, document.RootElement, Account, Region);
    }

    private static JsonObject With(string path, JsonNode? value)
    {
        var request = Compliant();
        var parts = path.Split('.');
        var node = request;
        foreach (var part in parts[..^1])
        {
            node = node[part]!.AsObject();
        }
        node[parts[^1]] = value;
        return request;
    }

    private static JsonObject Without(string path)
    {
        var request = Compliant();
        var parts = path.Split('.');
        var node = request;
        foreach (var part in parts[..^1])
        {
            node = node[part]!.AsObject();
        }
        Assert.True(node.Remove(parts[^1]), path);
        return request;
    }

    [Fact]
    public void A_compliant_request_breaks_nothing() => Assert.Empty(Evaluate(Compliant()));

    // --- requireNetworkIsolation -------------------------------------------------------------------------------

    [Fact]
    public void Network_isolation_false_is_a_violation_with_its_value()
    {
        var v = Assert.Single(Evaluate(With("enableNetworkIsolation", false)));
        Assert.Equal(("requireNetworkIsolation", "enableNetworkIsolation", "false"), (v.Rule, v.Field, v.Value));
    }

    [Fact]
    public void Network_isolation_missing_counts_as_not_set()
    {
        var v = Assert.Single(Evaluate(Without("enableNetworkIsolation")));
        Assert.Equal(("requireNetworkIsolation", null), (v.Rule, v.Value));
        Assert.Contains("not set", v.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Network_isolation_is_not_checked_when_not_required() =>
        Assert.Empty(Evaluate(Without("enableNetworkIsolation"), Strict with { RequireNetworkIsolation = false }));

    // --- requireVpc --------------------------------------------------------------------------------------------

    [Fact]
    public void Vpc_without_subnets_is_a_violation() =>
        Assert.Equal("requireVpc", Assert.Single(Evaluate(With("vpcConfig", JsonNode.Parse("""{"securityGroupIds":["sg-1"],"subnets":[]}""")))).Rule);

    [Fact]
    public void Vpc_missing_counts_as_not_set()
    {
        var v = Assert.Single(Evaluate(Without("vpcConfig")));
        Assert.Equal(("requireVpc", "vpcConfig", null), (v.Rule, v.Field, v.Value));
    }

    [Fact]
    public void Vpc_is_not_checked_when_not_required() => Assert.Empty(Evaluate(Without("vpcConfig"), Strict with { RequireVpc = false }));

    // --- requireKms --------------------------------------------------------------------------------------------

    [Fact]
    public void Kms_missing_on_the_volume_only_names_that_field()
    {
        var v = Assert.Single(Evaluate(Without("resourceConfig.volumeKmsKeyId")));
        Assert.Equal(("requireKms", "resourceConfig.volumeKmsKeyId"), (v.Rule, v.Field));
    }

    [Fact]
    public void Kms_empty_string_on_the_output_counts_as_not_set() =>
        Assert.Equal("outputDataConfig.kmsKeyId", Assert.Single(Evaluate(With("outputDataConfig.kmsKeyId", ""))).Field);

    [Fact]
    public void Kms_missing_on_both_is_two_violations_and_is_the_default_rule()
    {
        var request = Without("outputDataConfig.kmsKeyId");
        request["resourceConfig"]!.AsObject().Remove("volumeKmsKeyId");
        Assert.Equal(["requireKms", "requireKms"], Evaluate(request, TrainingPolicy.Default).Select(v => v.Rule));
        Assert.Empty(Evaluate(request, TrainingPolicy.Parse("""{"requireKms": false}""")));
    }

    // --- approvedImageRegistries -------------------------------------------------------------------------------

    [Fact]
    public void Image_from_a_foreign_registry_is_a_violation_with_the_image()
    {
        const string image = "999988887777.dkr.ecr.us-east-1.amazonaws.com/xmr-optimized-trainer:latest";
        var v = Assert.Single(Evaluate(With("algorithmSpecification.trainingImage", image)));
        Assert.Equal(("approvedImageRegistries", image), (v.Rule, v.Value));
    }

    [Theory]
    [InlineData("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3.0-gpu")] // Deep Learning Containers
    [InlineData("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")]   // XGBoost
    [InlineData("382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1")]          // built-in algorithms
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:2")]                   // the event's own account
    public void Default_registries_are_the_account_and_AWS_image_accounts_of_the_region(string image) =>
        Assert.Empty(Evaluate(With("algorithmSpecification.trainingImage", image), TrainingPolicy.Default));

    [Theory]
    [InlineData("123456789012.dkr.ecr.us-west-2.amazonaws.com/churn:2")]    // own account, other region
    [InlineData("683313688378.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1")] // us-east-1's account in us-west-2
    [InlineData("7631043518840.dkr.ecr.us-east-1.amazonaws.com/x:1")]        // longer account id sharing the prefix
    public void Default_registries_are_exact(string image) =>
        Assert.Equal("approvedImageRegistries", Assert.Single(Evaluate(With("algorithmSpecification.trainingImage", image), TrainingPolicy.Default)).Rule);

    [Fact]
    public void Default_registries_cover_the_documented_regions()
    {
        foreach (var region in new[] { "us-east-1", "us-west-2", "eu-west-1" })
        {
            Assert.True(SageMakerImageAccounts.For(region).Count >= 3, region);
        }
        Assert.Contains("246618743249.dkr.ecr.us-west-2.amazonaws.com", SageMakerImageAccounts.DefaultRegistries(Account, "us-west-2"));
        Assert.Contains("141502667606.dkr.ecr.eu-west-1.amazonaws.com", SageMakerImageAccounts.DefaultRegistries(Account, "eu-west-1"));
    }

    [Fact]
    public void Configured_registry_prefixes_replace_the_default_and_honour_the_repository_prefix()
    {
        var policy = TrainingPolicy.Parse("""{"approvedImageRegistries": ["123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/"]}""");
        Assert.Empty(Evaluate(With("algorithmSpecification.trainingImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/churn:2"), policy));
        Assert.Single(Evaluate(With("algorithmSpecification.trainingImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/mlx/churn:2"), policy));
        Assert.Single(Evaluate(Compliant(), policy)); // the DLC image is no longer approved
    }

    [Fact]
    public void Image_missing_is_not_judged() => Assert.Empty(Evaluate(Without("algorithmSpecification.trainingImage")));

    // --- allowedOutputBuckets ----------------------------------------------------------------------------------

    [Fact]
    public void Output_to_a_foreign_bucket_is_a_violation_with_the_uri()
    {
        var v = Assert.Single(Evaluate(With("outputDataConfig.s3OutputPath", "s3://datasets-mirror-999988887777/churn/")));
        Assert.Equal(("allowedOutputBuckets", "outputDataConfig.s3OutputPath", "s3://datasets-mirror-999988887777/churn/"), (v.Rule, v.Field, v.Value));
    }

    [Fact]
    public void Output_bucket_matching_a_pattern_is_allowed_and_a_missing_output_is_not_judged()
    {
        Assert.Empty(Evaluate(With("outputDataConfig.s3OutputPath", "s3://ml-artifacts-prod/x/")));
        Assert.Empty(Evaluate(Without("outputDataConfig.s3OutputPath")));
    }

    [Fact]
    public void Checkpoints_are_outputs_too() =>
        Assert.Equal("checkpointConfig.s3Uri", Assert.Single(Evaluate(With("checkpointConfig", JsonNode.Parse("""{"s3Uri":"s3://evil-bucket/ckpt/"}""")))).Field);

    // --- maxInstanceCount --------------------------------------------------------------------------------------

    [Fact]
    public void Instance_count_over_the_limit_is_a_violation_with_the_count()
    {
        var v = Assert.Single(Evaluate(With("resourceConfig.instanceCount", 32)));
        Assert.Equal(("maxInstanceCount", "32"), (v.Rule, v.Value));
    }

    [Fact]
    public void Instance_count_at_the_limit_passes_and_missing_is_not_judged()
    {
        Assert.Empty(Evaluate(With("resourceConfig.instanceCount", 4)));
        Assert.Empty(Evaluate(Without("resourceConfig.instanceCount")));
    }

    [Fact]
    public void Heterogeneous_instance_groups_are_summed()
    {
        var request = Without("resourceConfig.instanceCount");
        request["resourceConfig"]!["instanceGroups"] = JsonNode.Parse("""[{"instanceGroupName":"a","instanceType":"ml.g5.2xlarge","instanceCount":3},{"instanceGroupName":"b","instanceType":"ml.m5.xlarge","instanceCount":3}]""");
        var v = Assert.Single(Evaluate(request));
        Assert.Equal(("maxInstanceCount", "6"), (v.Rule, v.Value));
    }

    // --- allowedInstanceTypes ----------------------------------------------------------------------------------

    [Fact]
    public void Instance_type_outside_the_patterns_is_a_violation_with_the_type()
    {
        var v = Assert.Single(Evaluate(With("resourceConfig.instanceType", "ml.p4d.24xlarge")));
        Assert.Equal(("allowedInstanceTypes", "ml.p4d.24xlarge"), (v.Rule, v.Value));
    }

    [Fact]
    public void Instance_type_missing_is_not_judged() => Assert.Empty(Evaluate(Without("resourceConfig.instanceType")));

    // --- maxRuntimeSeconds -------------------------------------------------------------------------------------

    [Fact]
    public void Runtime_over_the_limit_is_a_violation_with_the_runtime()
    {
        var v = Assert.Single(Evaluate(With("stoppingCondition.maxRuntimeInSeconds", 2_419_200)));
        Assert.Equal(("maxRuntimeSeconds", "2419200"), (v.Rule, v.Value));
    }

    [Fact]
    public void Runtime_missing_counts_as_not_set()
    {
        var v = Assert.Single(Evaluate(Without("stoppingCondition")));
        Assert.Equal(("maxRuntimeSeconds", "stoppingCondition.maxRuntimeInSeconds", null), (v.Rule, v.Field, v.Value));
    }

    [Fact]
    public void Runtime_is_not_checked_without_a_limit() => Assert.Empty(Evaluate(Without("stoppingCondition"), Strict with { MaxRuntimeSeconds = null }));

    // --- allowedRoleArns ---------------------------------------------------------------------------------------

    [Fact]
    public void Role_outside_the_allow_list_is_a_violation_with_the_role()
    {
        var v = Assert.Single(Evaluate(With("roleArn", "arn:aws:iam::123456789012:role/ml-sandbox-exec")));
        Assert.Equal(("allowedRoleArns", "arn:aws:iam::123456789012:role/ml-sandbox-exec"), (v.Rule, v.Value));
    }

    [Fact]
    public void Role_missing_is_not_judged() => Assert.Empty(Evaluate(Without("roleArn")));

    // --- processing jobs and defensive reading -----------------------------------------------------------------

    [Fact]
    public void Processing_jobs_are_read_from_their_own_fields()
    {
        var request = JsonNode.Parse("""
            {"processingJobName":"p","roleArn":"arn:aws:iam::123456789012:role/sagemaker-exec",
             "appSpecification":{"imageUri":"999988887777.dkr.ecr.us-east-1.amazonaws.com/data-tools:latest"},
             "processingOutputConfig":{"outputs":[{"outputName":"o","s3Output":{"s3Uri":"s3://evil/out/"}}]},
             "processingResources":{"clusterConfig":{"instanceCount":9,"instanceType":"ml.p3.16xlarge","volumeSizeInGB":30}},
             "stoppingCondition":{"maxRuntimeInSeconds":3600}}
            """)!.AsObject();
        var rules = Evaluate(request, kind: JobKind.Processing).Select(v => v.Field).ToList();
        Assert.Equal(
            [
                "networkConfig.enableNetworkIsolation", "networkConfig.vpcConfig", "processingOutputConfig.kmsKeyId",
                "processingResources.clusterConfig.volumeKmsKeyId", "appSpecification.imageUri",
                "processingOutputConfig.outputs[0].s3Output.s3Uri", "processingResources.clusterConfig.instanceCount",
                "processingResources.clusterConfig.instanceType",
            ],
            rules);
    }

    [Fact]
    public void Odd_shapes_are_read_defensively()
    {
        var request = With("enableNetworkIsolation", "true");        // a stringified boolean
        request["resourceConfig"]!["instanceCount"] = "2";           // a stringified number
        request["vpcConfig"] = null;                                  // null is "not set"
        Assert.Equal(["requireVpc"], Evaluate(request).Select(v => v.Rule));
        using var notAnObject = JsonDocument.Parse("[]");
        Assert.Equal(3, TrainingPolicyEvaluator.Evaluate(TrainingPolicy.Default with { RequireVpc = true }, JobKind.Training, notAnObject.RootElement, Account, Region).Count);
    }

    [Fact]
    public void Violations_read_as_rule_field_value_and_requirement() =>
        Assert.Equal("maxInstanceCount: resourceConfig.instanceCount = 32 (policy: at most 4)",
            Assert.Single(Evaluate(With("resourceConfig.instanceCount", 32))).ToString());
}
