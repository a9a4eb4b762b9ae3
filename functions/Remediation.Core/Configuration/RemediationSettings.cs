using Remediation.Core.Accounts;
using Remediation.Core.Ledger;

namespace Remediation.Core.Configuration;

/// <summary>Whether functions write or only report what they would write.</summary>
public enum RemediationMode
{
    /// <summary>Run the whole pipeline, make no write, report the exact calls.</summary>
    DryRun,
    /// <summary>Perform the writes.</summary>
    Enforce,
}

/// <summary>
/// The settings every function shares, from environment variables set in template.yaml.
/// Each variable is documented in the README.
/// </summary>
public sealed record RemediationSettings
{
    /// <summary>REMEDIATION_MODE: enforce | dry-run (default dry-run: a missing setting must not write).</summary>
    public required RemediationMode Mode { get; init; }
    /// <summary>TOPIC_ARN: the SNS topic for notifications.</summary>
    public required string TopicArn { get; init; }
    /// <summary>LEDGER_TABLE: the DynamoDB ledger table.</summary>
    public required string LedgerTable { get; init; }
    /// <summary>MIN_SEVERITY: findings below this score are reported, not remediated.</summary>
    public required double MinSeverity { get; init; }
    /// <summary>EXEMPT_PRINCIPAL_PATTERNS: comma-separated ARN globs never acted on.</summary>
    public required IReadOnlyList<string> ExemptPrincipalPatterns { get; init; }
    /// <summary>PROTECTED_ROLE_PATTERNS: the stack's own roles (ARN globs), never acted on.</summary>
    public required IReadOnlyList<string> ProtectedRolePatterns { get; init; }
    /// <summary>ALLOW_CROSS_ACCOUNT: act on principals outside the event's account.</summary>
    public required bool AllowCrossAccount { get; init; }
    /// <summary>BREAKER_MAX_TARGETS: distinct targets one function may touch within the window.</summary>
    public required int BreakerMaxTargets { get; init; }
    /// <summary>BREAKER_WINDOW_MINUTES: the breaker's window.</summary>
    public required int BreakerWindowMinutes { get; init; }
    /// <summary>BREAKER_MAX_TARGETS_PER_SOURCE: of those, how many one source (actor principal, bucket) may cause (default half).</summary>
    public required int BreakerMaxTargetsPerSource { get; init; }
    /// <summary>CLAIM_TIMEOUT_SECONDS: a claim older than this (the function timeout) may be taken over.</summary>
    public required int ClaimTimeoutSeconds { get; init; }
    /// <summary>LEDGER_TTL_DAYS: how long incidents stay in the ledger.</summary>
    public required int LedgerTtlDays { get; init; }
    /// <summary>
    /// The account this stack runs in (template: <c>AWS::AccountId</c>), never taken from an event; null only where no
    /// function runs (the CLI's ledger commands). Functions refuse to start without it.
    /// </summary>
    public string? StackAccountId { get; init; }

    /// <summary>Member accounts and the per-account guardrails (MEMBER_ACCOUNTS, MEMBER_ROLE_NAME, DRY_RUN_ACCOUNTS, EXEMPT_ACCOUNTS).</summary>
    public AccountSettings Accounts { get; init; } = AccountSettings.SingleAccount;

    /// <summary>Fails start-up when the stack's account is not configured.</summary>
    public RemediationSettings RequireStackAccount() => StackAccountId is null
        ? throw new SettingsException("Environment variable STACK_ACCOUNT_ID is required but not set (template.yaml sets it to AWS::AccountId).")
        : this;

    /// <summary>The tag that exempts a principal or resource.</summary>
    public const string ExemptTagKey = "remediation:exempt";

    /// <summary>Reads and validates the variables; the error names the variable.</summary>
    public static RemediationSettings Load(EnvironmentReader env, double defaultMinSeverity)
    {
        ArgumentNullException.ThrowIfNull(env);
        var rawMode = env.Optional("REMEDIATION_MODE");
        var mode = rawMode?.ToUpperInvariant() switch
        {
            null or "DRY-RUN" => RemediationMode.DryRun,
            "ENFORCE" => RemediationMode.Enforce,
            _ => throw new SettingsException($"Environment variable REMEDIATION_MODE='{rawMode}' must be enforce or dry-run."),
        };
        var maxTargets = env.WholeNumber("BREAKER_MAX_TARGETS", 10, 1, 10_000);
        return new RemediationSettings
        {
            Mode = mode,
            TopicArn = env.Required("TOPIC_ARN"),
            LedgerTable = env.Required("LEDGER_TABLE"),
            MinSeverity = env.Number("MIN_SEVERITY", defaultMinSeverity, 0, 10),
            ExemptPrincipalPatterns = env.List("EXEMPT_PRINCIPAL_PATTERNS"),
            ProtectedRolePatterns = env.List("PROTECTED_ROLE_PATTERNS"),
            AllowCrossAccount = env.Flag("ALLOW_CROSS_ACCOUNT", false),
            BreakerMaxTargets = maxTargets,
            BreakerWindowMinutes = env.WholeNumber("BREAKER_WINDOW_MINUTES", 15, 1, 24 * 60),
            // Capped, not refused: lowering the total alone must not stop the functions from starting.
            BreakerMaxTargetsPerSource = Math.Min(maxTargets, env.WholeNumber("BREAKER_MAX_TARGETS_PER_SOURCE", BreakerBudget.DefaultPerSource(maxTargets), 1, 10_000)),
            ClaimTimeoutSeconds = env.WholeNumber("CLAIM_TIMEOUT_SECONDS", 900, 1, 24 * 3600),
            LedgerTtlDays = env.WholeNumber("LEDGER_TTL_DAYS", 90, 1, 3650),
            StackAccountId = AccountId(env.Optional("STACK_ACCOUNT_ID")),
            Accounts = AccountSettings.Load(env),
        };
    }

    private static string? AccountId(string? raw) => raw is null || (raw.Length == 12 && raw.All(char.IsAsciiDigit))
        ? raw
        : throw new SettingsException($"Environment variable STACK_ACCOUNT_ID='{raw}' must be a 12-digit AWS account id.");
}
