using Remediation.Core.Configuration;

namespace Remediation.Tests.Support;

internal static class TestSettings
{
    public static RemediationSettings Enforce(params (string Name, string Value)[] overrides)
    {
        var env = new Dictionary<string, string?>
        {
            ["REMEDIATION_MODE"] = "enforce",
            ["TOPIC_ARN"] = "arn:aws:sns:us-east-1:123456789012:remediation-alerts",
            ["LEDGER_TABLE"] = "remediation-ledger",
            ["STACK_ACCOUNT_ID"] = "123456789012",
            ["PROTECTED_ROLE_PATTERNS"] = "arn:aws:iam::*:role/remediation-*",
        };
        foreach (var (name, value) in overrides)
        {
            env[name] = value;
        }
        return RemediationSettings.Load(new EnvironmentReader(env), defaultMinSeverity: 7);
    }
}
