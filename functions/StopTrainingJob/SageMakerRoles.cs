using System.Text.Json;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Guardrails;

namespace Remediation.StopTrainingJob;

/// <summary>Whether a role is a SageMaker execution role, and how we know.</summary>
/// <param name="IsExecutionRole">True when SageMaker can assume it (or a configured pattern says so).</param>
/// <param name="How">"trust policy names sagemaker.amazonaws.com", "name matches pattern …", or why not.</param>
/// <param name="RoleArn">The role's real ARN (with its path) when IAM returned it, else the ARN built from the event.</param>
public sealed record RoleRecognition(bool IsExecutionRole, string How, string RoleArn);

/// <summary>
/// Recognizes SageMaker execution roles: a name/ARN pattern from SAGEMAKER_ROLE_PATTERNS (no AWS call), else the
/// role's trust policy (iam:GetRole) allowing the service principal sagemaker.amazonaws.com.
/// </summary>
public sealed class SageMakerRoles(IIam iam, IReadOnlyList<string> patterns)
{
    /// <summary>The environment variable with comma-separated role name or ARN patterns.</summary>
    public const string PatternsVariable = "SAGEMAKER_ROLE_PATTERNS";

    private const string ServicePrincipal = "sagemaker.amazonaws.com";

    /// <summary>Recognizes the role named by a finding.</summary>
    public async Task<RoleRecognition> RecognizeAsync(string roleName, string eventRoleArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roleName);
        ArgumentNullException.ThrowIfNull(eventRoleArn);
        if (patterns.FirstOrDefault(p => ArnPattern.Matches(p, roleName) || ArnPattern.Matches(p, eventRoleArn)) is { } pattern)
        {
            return new RoleRecognition(true, $"its name matches {PatternsVariable} entry {pattern}", eventRoleArn);
        }
        IamRole role;
        try
        {
            role = await iam.GetRoleAsync(roleName, ct);
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            return new RoleRecognition(false, $"role {roleName} no longer exists", eventRoleArn);
        }
        return TrustsSageMaker(role.AssumeRolePolicyDocument)
            ? new RoleRecognition(true, $"its trust policy lets {ServicePrincipal} assume it", role.Arn)
            : new RoleRecognition(false, $"its trust policy does not name {ServicePrincipal} and no {PatternsVariable} entry matches", role.Arn);
    }

    /// <summary>True when an Allow statement of the (decoded) trust policy names the SageMaker service principal.</summary>
    public static bool TrustsSageMaker(string? trustPolicy)
    {
        if (string.IsNullOrWhiteSpace(trustPolicy))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(trustPolicy);
            return AsList(RequestFields.Get(document.RootElement, "Statement"))
                .Where(s => s.ValueKind == JsonValueKind.Object && string.Equals(RequestFields.String(s, "Effect"), "Allow", StringComparison.OrdinalIgnoreCase))
                .SelectMany(s => AsList(RequestFields.Get(s, "Principal.Service")))
                .Any(p => p.ValueKind == JsonValueKind.String && string.Equals(p.GetString(), ServicePrincipal, StringComparison.OrdinalIgnoreCase));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<JsonElement> AsList(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        { } single => [single],
        null => [],
    };
}
