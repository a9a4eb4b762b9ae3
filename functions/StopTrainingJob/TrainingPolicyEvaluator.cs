using System.Globalization;
using System.Text.Json;
using Remediation.Core.Guardrails;

namespace Remediation.StopTrainingJob;

/// <summary>
/// Checks a CreateTrainingJob / CreateProcessingJob request (CloudTrail requestParameters, camelCase) against the policy.
/// Pure: no I/O. A field the request omits is "not set" (docs/aws-reference.md §A3): rules that require something
/// (network isolation, VPC, KMS, a runtime limit) are broken by it; rules that restrict a value (registries, buckets,
/// instance types and count, roles) only judge values the request sets.
/// </summary>
public static class TrainingPolicyEvaluator
{
    /// <summary>Every broken rule, in policy order, each with its offending value.</summary>
    public static IReadOnlyList<PolicyViolation> Evaluate(TrainingPolicy policy, JobKind kind, JsonElement request, string account, string region)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var fields = kind == JobKind.Training ? Fields.Training : Fields.Processing;
        var violations = new List<PolicyViolation>();

        if (policy.RequireNetworkIsolation && RequestFields.Bool(request, fields.NetworkIsolation) != true)
        {
            violations.Add(new("requireNetworkIsolation", fields.NetworkIsolation,
                RequestFields.Bool(request, fields.NetworkIsolation) is { } b ? b.ToString().ToLowerInvariant() : null, "must be true"));
        }
        if (policy.RequireVpc && !HasSubnets(request, fields.Vpc))
        {
            violations.Add(new("requireVpc", fields.Vpc, RequestFields.Get(request, fields.Vpc)?.GetRawText(), "a VPC with at least one subnet"));
        }
        if (policy.RequireKms)
        {
            foreach (var field in new[] { fields.OutputKms, fields.VolumeKms })
            {
                if (RequestFields.String(request, field) is null)
                {
                    violations.Add(new("requireKms", field, null, "a KMS key is required"));
                }
            }
        }
        var image = RequestFields.String(request, fields.Image);
        var registries = policy.ApprovedImageRegistries ?? SageMakerImageAccounts.DefaultRegistries(account, region);
        if (image is not null && !registries.Any(r => FromRegistry(image, r)))
        {
            violations.Add(new("approvedImageRegistries", fields.Image, image,
                "from " + string.Join(" or ", registries.Take(3)) + (registries.Count > 3 ? $" (or {registries.Count - 3} more)" : "")));
        }
        if (policy.AllowedOutputBuckets is { } buckets)
        {
            foreach (var (field, uri) in OutputUris(request, kind))
            {
                var bucket = BucketOf(uri);
                if (bucket is null || ArnPattern.FirstMatch(buckets, bucket) is null)
                {
                    violations.Add(new("allowedOutputBuckets", field, uri, "one of " + string.Join(", ", buckets)));
                }
            }
        }
        foreach (var (field, count) in InstanceCounts(request, fields))
        {
            if (policy.MaxInstanceCount is { } max && count > max)
            {
                violations.Add(new("maxInstanceCount", field, count.ToString(CultureInfo.InvariantCulture), $"at most {max}"));
            }
        }
        if (policy.AllowedInstanceTypes is { } types)
        {
            foreach (var (field, type) in InstanceTypes(request, fields))
            {
                if (ArnPattern.FirstMatch(types, type) is null)
                {
                    violations.Add(new("allowedInstanceTypes", field, type, "one of " + string.Join(", ", types)));
                }
            }
        }
        if (policy.MaxRuntimeSeconds is { } maxRuntime)
        {
            var runtime = RequestFields.Number(request, fields.Runtime);
            if (runtime is null || runtime > maxRuntime)
            {
                violations.Add(new("maxRuntimeSeconds", fields.Runtime, runtime?.ToString(CultureInfo.InvariantCulture),
                    $"at most {maxRuntime} seconds" + (runtime is null ? ", and set explicitly" : "")));
            }
        }
        if (policy.AllowedRoleArns is { } roles && RequestFields.String(request, "roleArn") is { } role && ArnPattern.FirstMatch(roles, role) is null)
        {
            violations.Add(new("allowedRoleArns", "roleArn", role, "one of " + string.Join(", ", roles)));
        }
        return violations;
    }

    /// <summary>
    /// An image is from a registry prefix when it starts with it at a boundary: a bare registry host must be followed by
    /// '/'; a prefix with a repository part matches repository names that start with it ("…/ml/" for a folder).
    /// </summary>
    public static bool FromRegistry(string image, string registry)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(registry);
        var hostOnly = !registry.Contains('/', StringComparison.Ordinal);
        return hostOnly
            ? image.StartsWith(registry + "/", StringComparison.OrdinalIgnoreCase)
            : image.StartsWith(registry, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"s3://bucket/key" → "bucket"; anything else → null.</summary>
    public static string? BucketOf(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var rest = uri[5..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash >= 0 ? rest[..slash] : rest;
        return bucket.Length > 0 ? bucket : null;
    }

    private static bool HasSubnets(JsonElement request, string vpcPath) => RequestFields.Items(request, vpcPath + ".subnets").Any();

    private static IEnumerable<(string Field, string Uri)> OutputUris(JsonElement request, JobKind kind)
    {
        if (kind == JobKind.Training)
        {
            if (RequestFields.String(request, "outputDataConfig.s3OutputPath") is { } path)
            {
                yield return ("outputDataConfig.s3OutputPath", path);
            }
            if (RequestFields.String(request, "checkpointConfig.s3Uri") is { } checkpoint)
            {
                yield return ("checkpointConfig.s3Uri", checkpoint);
            }
            yield break;
        }
        var index = 0;
        foreach (var output in RequestFields.Items(request, "processingOutputConfig.outputs"))
        {
            if (RequestFields.String(output, "s3Output.s3Uri") is { } uri)
            {
                yield return ($"processingOutputConfig.outputs[{index}].s3Output.s3Uri", uri);
            }
            index++;
        }
    }

    private static IEnumerable<(string Field, long Count)> InstanceCounts(JsonElement request, Fields fields)
    {
        if (RequestFields.Number(request, fields.InstanceCount) is { } count)
        {
            yield return (fields.InstanceCount, count);
        }
        if (fields.InstanceGroups is { } groups)
        {
            // Heterogeneous clusters: resourceConfig.instanceGroups[] each with its own count; the fleet is their sum.
            var total = RequestFields.Items(request, groups).Sum(g => RequestFields.Number(g, "instanceCount") ?? 0);
            if (total > 0)
            {
                yield return (groups + "[].instanceCount (sum)", total);
            }
        }
    }

    private static IEnumerable<(string Field, string Type)> InstanceTypes(JsonElement request, Fields fields)
    {
        if (RequestFields.String(request, fields.InstanceType) is { } type)
        {
            yield return (fields.InstanceType, type);
        }
        if (fields.InstanceGroups is { } groups)
        {
            var index = 0;
            foreach (var group in RequestFields.Items(request, groups))
            {
                if (RequestFields.String(group, "instanceType") is { } groupType)
                {
                    yield return ($"{groups}[{index}].instanceType", groupType);
                }
                index++;
            }
        }
    }

    /// <summary>Where each rule reads, per job kind (CreateTrainingJobRequest / CreateProcessingJobRequest, camelCase).</summary>
    private sealed record Fields(
        string NetworkIsolation, string Vpc, string OutputKms, string VolumeKms, string Image,
        string InstanceCount, string InstanceType, string? InstanceGroups, string Runtime)
    {
        public static readonly Fields Training = new(
            "enableNetworkIsolation", "vpcConfig", "outputDataConfig.kmsKeyId", "resourceConfig.volumeKmsKeyId",
            "algorithmSpecification.trainingImage", "resourceConfig.instanceCount", "resourceConfig.instanceType",
            "resourceConfig.instanceGroups", "stoppingCondition.maxRuntimeInSeconds");

        public static readonly Fields Processing = new(
            "networkConfig.enableNetworkIsolation", "networkConfig.vpcConfig", "processingOutputConfig.kmsKeyId",
            "processingResources.clusterConfig.volumeKmsKeyId", "appSpecification.imageUri",
            "processingResources.clusterConfig.instanceCount", "processingResources.clusterConfig.instanceType",
            null, "stoppingCondition.maxRuntimeInSeconds");
    }
}
