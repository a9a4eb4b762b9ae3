using Remediation.Core.Configuration;

namespace Remediation.Tests.Configuration;

public class RemediationSettingsTests
{
    private static RemediationSettings Load(params (string, string?)[] vars) =>
        RemediationSettings.Load(new EnvironmentReader(vars.ToDictionary(v => v.Item1, v => v.Item2)), 7);

    [Fact]
    public void Missing_required_variable_is_named()
    {
        var e = Assert.Throws<SettingsException>(() => Load(("TOPIC_ARN", "arn:aws:sns:us-east-1:1:t")));
        Assert.Contains("LEDGER_TABLE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_mode_is_dry_run()
    {
        var s = Load(("TOPIC_ARN", "t"), ("LEDGER_TABLE", "l"));
        Assert.Equal(RemediationMode.DryRun, s.Mode);
        Assert.Equal(7, s.MinSeverity);
        Assert.Equal(10, s.BreakerMaxTargets);
    }

    [Theory]
    [InlineData("REMEDIATION_MODE", "yolo")]
    [InlineData("MIN_SEVERITY", "eleven")]
    [InlineData("MIN_SEVERITY", "11")]
    [InlineData("BREAKER_MAX_TARGETS", "0")]
    [InlineData("ALLOW_CROSS_ACCOUNT", "yes")]
    public void Invalid_values_name_the_variable(string name, string value)
    {
        var e = Assert.Throws<SettingsException>(() => Load(("TOPIC_ARN", "t"), ("LEDGER_TABLE", "l"), (name, value)));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_are_split_and_trimmed()
    {
        var s = Load(("TOPIC_ARN", "t"), ("LEDGER_TABLE", "l"), ("EXEMPT_PRINCIPAL_PATTERNS", " a*, ,b "));
        Assert.Equal(["a*", "b"], s.ExemptPrincipalPatterns);
    }
}
