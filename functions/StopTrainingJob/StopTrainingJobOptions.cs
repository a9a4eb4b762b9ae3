using Remediation.Core.Configuration;

namespace Remediation.StopTrainingJob;

/// <summary>StopTrainingJob's own configuration, validated at start-up (each error names its variable).</summary>
/// <param name="Policy">TRAINING_POLICY.</param>
/// <param name="RolePatterns">SAGEMAKER_ROLE_PATTERNS: role names or ARN globs treated as SageMaker execution roles.</param>
/// <param name="GuardDutyMinSeverity">GUARDDUTY_MIN_SEVERITY: GuardDuty findings below it leave the role's jobs running.</param>
public sealed record StopTrainingJobOptions(TrainingPolicy Policy, IReadOnlyList<string> RolePatterns, double GuardDutyMinSeverity)
{
    /// <summary>The variable holding the GuardDuty threshold.</summary>
    public const string GuardDutyMinSeverityVariable = "GUARDDUTY_MIN_SEVERITY";

    /// <summary>Reads the variables.</summary>
    public static StopTrainingJobOptions Load(EnvironmentReader env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return new StopTrainingJobOptions(
            TrainingPolicy.Load(env),
            env.List(SageMakerRoles.PatternsVariable),
            env.Number(GuardDutyMinSeverityVariable, 7, 0, 10));
    }
}
