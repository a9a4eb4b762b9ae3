using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Remediation.Core.Configuration;

namespace Remediation.StopTrainingJob;

/// <summary>
/// The training policy (environment variable TRAINING_POLICY, JSON). Every member is optional:
/// a null list means "any" (or, for registries, the default: the event's account plus AWS's SageMaker image accounts).
/// </summary>
public sealed partial record TrainingPolicy
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "TRAINING_POLICY";

    /// <summary>requireNetworkIsolation: the job must run with network isolation (default false).</summary>
    public bool RequireNetworkIsolation { get; init; }
    /// <summary>requireVpc: the job must run in a VPC (default false).</summary>
    public bool RequireVpc { get; init; }
    /// <summary>requireKms: output and volume encrypted with a KMS key (default true).</summary>
    public bool RequireKms { get; init; } = true;
    /// <summary>approvedImageRegistries: "&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com[/&lt;repo-prefix&gt;]"; null = the default.</summary>
    public IReadOnlyList<string>? ApprovedImageRegistries { get; init; }
    /// <summary>allowedOutputBuckets: bucket names or '*' patterns; null = any.</summary>
    public IReadOnlyList<string>? AllowedOutputBuckets { get; init; }
    /// <summary>maxInstanceCount; null = no limit.</summary>
    public int? MaxInstanceCount { get; init; }
    /// <summary>allowedInstanceTypes: '*' patterns ("ml.m5.*"); null = any.</summary>
    public IReadOnlyList<string>? AllowedInstanceTypes { get; init; }
    /// <summary>maxRuntimeSeconds; null = no limit.</summary>
    public int? MaxRuntimeSeconds { get; init; }
    /// <summary>allowedRoleArns: ARN '*' patterns; null = any.</summary>
    public IReadOnlyList<string>? AllowedRoleArns { get; init; }

    /// <summary>The policy when TRAINING_POLICY is unset: only requireKms.</summary>
    public static TrainingPolicy Default { get; } = new();

    /// <summary>Reads TRAINING_POLICY; a malformed policy is a start-up error naming the variable and the member.</summary>
    public static TrainingPolicy Load(EnvironmentReader env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return env.Optional(Variable) is { } json ? Parse(json) : Default;
    }

    /// <summary>Parses and validates a policy document.</summary>
    public static TrainingPolicy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        TrainingPolicyDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, TrainingPolicyJsonContext.Default.TrainingPolicyDocument);
        }
        catch (JsonException e)
        {
            var member = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            throw new SettingsException(member is null
                ? $"Environment variable {Variable} is not a valid training policy: {FirstSentence(e.Message)}"
                : $"Environment variable {Variable}: member '{member}' is invalid: {FirstSentence(e.Message)}", e);
        }
        if (document is null)
        {
            throw new SettingsException($"Environment variable {Variable} must be a JSON object, not null.");
        }
        return new TrainingPolicy
        {
            RequireNetworkIsolation = document.RequireNetworkIsolation ?? false,
            RequireVpc = document.RequireVpc ?? false,
            RequireKms = document.RequireKms ?? true,
            ApprovedImageRegistries = Registries(document.ApprovedImageRegistries),
            AllowedOutputBuckets = Patterns(document.AllowedOutputBuckets, "allowedOutputBuckets"),
            MaxInstanceCount = Positive(document.MaxInstanceCount, "maxInstanceCount"),
            AllowedInstanceTypes = Patterns(document.AllowedInstanceTypes, "allowedInstanceTypes"),
            MaxRuntimeSeconds = Positive(document.MaxRuntimeSeconds, "maxRuntimeSeconds"),
            AllowedRoleArns = Patterns(document.AllowedRoleArns, "allowedRoleArns"),
        };
    }

    private static IReadOnlyList<string>? Registries(string[]? values)
    {
        var list = Patterns(values, "approvedImageRegistries");
        foreach (var value in list ?? [])
        {
            if (!RegistryShape().IsMatch(value))
            {
                throw new SettingsException(
                    $"Environment variable {Variable}: member 'approvedImageRegistries' entry '{value}' must look like <account>.dkr.ecr.<region>.amazonaws.com[/<repo-prefix>].");
            }
        }
        return list;
    }

    private static IReadOnlyList<string>? Patterns(string[]? values, string member)
    {
        if (values is null)
        {
            return null;
        }
        if (values.Any(string.IsNullOrWhiteSpace))
        {
            throw new SettingsException($"Environment variable {Variable}: member '{member}' must not contain empty or null entries.");
        }
        return [.. values.Select(v => v.Trim())];
    }

    private static int? Positive(int? value, string member) =>
        value is null or > 0 ? value : throw new SettingsException($"Environment variable {Variable}: member '{member}' must be a positive whole number, not {value}.");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryShape();
}

/// <summary>TRAINING_POLICY as written: every member optional, unknown members rejected (a typo must not weaken the policy).</summary>
internal sealed class TrainingPolicyDocument
{
    public bool? RequireNetworkIsolation { get; set; }
    public bool? RequireVpc { get; set; }
    public bool? RequireKms { get; set; }
    public string[]? ApprovedImageRegistries { get; set; }
    public string[]? AllowedOutputBuckets { get; set; }
    public int? MaxInstanceCount { get; set; }
    public string[]? AllowedInstanceTypes { get; set; }
    public int? MaxRuntimeSeconds { get; set; }
    public string[]? AllowedRoleArns { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(TrainingPolicyDocument))]
internal sealed partial class TrainingPolicyJsonContext : JsonSerializerContext;
