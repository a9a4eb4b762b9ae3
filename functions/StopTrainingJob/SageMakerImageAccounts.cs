namespace Remediation.StopTrainingJob;

/// <summary>
/// The AWS accounts whose ECR registries hold SageMaker's own images, per region: approved by default.
/// Sources: the SageMaker Developer Guide, "Docker Registry Paths and Example Code"
/// (https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-algo-docker-registry-paths.html and the per-region pages
/// https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/ecr-&lt;region&gt;.html), which list 763104351884 for the
/// Deep Learning Containers in every commercial region; and the SageMaker Python SDK's image_uri_config
/// (aws/sagemaker-python-sdk src/sagemaker/image_uri_config/*.json, amazon_estimator.py) for the built-in algorithm,
/// XGBoost/scikit-learn and LDA accounts. Regions not listed get the Deep Learning Containers account only;
/// add others with TRAINING_POLICY.approvedImageRegistries.
/// </summary>
public static class SageMakerImageAccounts
{
    /// <summary>AWS Deep Learning Containers (PyTorch, TensorFlow, Hugging Face, ...), every commercial region.</summary>
    public const string DeepLearningContainers = "763104351884";

    private static readonly Dictionary<string, string[]> ByRegion = new(StringComparer.Ordinal)
    {
        // region: XGBoost / scikit-learn, built-in algorithms (linear-learner, k-means, PCA, RCF...), LDA.
        ["us-east-1"] = ["683313688378", "382416733822", "766337827248"],
        ["us-east-2"] = ["257758044811", "404615174143", "999911452149"],
        ["us-west-2"] = ["246618743249", "174872318107", "266724342769"],
        ["eu-west-1"] = ["141502667606", "438346466558", "999678624901"],
        ["eu-central-1"] = ["492215442770", "664544806723"],
    };

    /// <summary>The AWS image accounts for a region (always includes the Deep Learning Containers account).</summary>
    public static IReadOnlyList<string> For(string region) =>
        [DeepLearningContainers, .. ByRegion.TryGetValue(region, out var accounts) ? accounts : []];

    /// <summary>The default approved registries: the event's own account plus AWS's image accounts, in the event's region.</summary>
    public static IReadOnlyList<string> DefaultRegistries(string account, string region)
    {
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? ".amazonaws.com.cn" : ".amazonaws.com";
        return [.. new[] { account }.Concat(For(region)).Select(a => $"{a}.dkr.ecr.{region}{suffix}")];
    }
}
