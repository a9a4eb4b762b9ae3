using Remediation.Core.Configuration;

namespace Remediation.RotateKeys;

/// <summary>RotateKeys' own variables (template.yaml sets them; the README documents them).</summary>
/// <param name="ParameterPrefix">ROTATION_PARAMETER_PREFIX: where new keys go in Parameter Store ("/remediation/access-keys").</param>
/// <param name="ParameterKmsKeyId">ROTATION_KMS_KEY_ID: the KMS key that encrypts the SecureStrings (the stack's key).</param>
/// <param name="SweepGraceDays">SWEEP_GRACE_DAYS: days a key we deactivated stays before the sweep deletes it (default 7).</param>
/// <param name="ApprovedKmsAdmins">KMS_APPROVED_ADMIN_PATTERNS: ARN globs allowed to disable rotation or schedule key deletion.</param>
/// <param name="KmsRotationPeriodDays">KMS_ROTATION_PERIOD_DAYS: automatic rotation period, 90-2560 (default 365).</param>
/// <param name="RotateOnDemand">KMS_ROTATE_ON_DEMAND: also rotate key material now when a key was tampered with (default false).</param>
public sealed record RotateKeysSettings(
    string ParameterPrefix,
    string ParameterKmsKeyId,
    int SweepGraceDays,
    IReadOnlyList<string> ApprovedKmsAdmins,
    int KmsRotationPeriodDays,
    bool RotateOnDemand)
{
    /// <summary>The opt-in tag: users tagged remediation:rotate=auto get a cut-over rotation.</summary>
    public const string OptInTagKey = "remediation:rotate";

    /// <summary>The opt-in tag's value.</summary>
    public const string OptInTagValue = "auto";

    /// <summary>Reads and validates the variables; errors name the variable.</summary>
    public static RotateKeysSettings Load(EnvironmentReader env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var prefix = env.Required("ROTATION_PARAMETER_PREFIX");
        if (!prefix.StartsWith('/') || prefix.Length < 2 || prefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '.' or '-')))
        {
            throw new SettingsException($"Environment variable ROTATION_PARAMETER_PREFIX='{prefix}' must start with '/' and hold only letters, digits, '/', '_', '.', '-'.");
        }
        return new RotateKeysSettings(
            prefix.TrimEnd('/'),
            env.Required("ROTATION_KMS_KEY_ID"),
            env.WholeNumber("SWEEP_GRACE_DAYS", 7, 1, 365),
            env.List("KMS_APPROVED_ADMIN_PATTERNS"),
            env.WholeNumber("KMS_ROTATION_PERIOD_DAYS", 365, 90, 2560),
            env.Flag("KMS_ROTATE_ON_DEMAND", false));
    }
}
