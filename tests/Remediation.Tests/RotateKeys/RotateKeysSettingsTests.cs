using Remediation.Core.Configuration;
using Remediation.RotateKeys;

namespace Remediation.Tests.RotateKeys;

public class RotateKeysSettingsTests
{
    private static RotateKeysSettings Load(params (string, string)[] vars) =>
        RotateKeysSettings.Load(new EnvironmentReader(vars.ToDictionary(v => v.Item1, v => (string?)v.Item2)));

    [Fact]
    public void Defaults_and_required_variables()
    {
        var s = Load(("ROTATION_PARAMETER_PREFIX", "/remediation/access-keys/"), ("ROTATION_KMS_KEY_ID", "k"));
        Assert.Equal("/remediation/access-keys", s.ParameterPrefix);
        Assert.Equal(7, s.SweepGraceDays);
        Assert.Equal(365, s.KmsRotationPeriodDays);
        Assert.False(s.RotateOnDemand);
        Assert.Contains("ROTATION_KMS_KEY_ID", Assert.Throws<SettingsException>(() => Load(("ROTATION_PARAMETER_PREFIX", "/p"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ROTATION_PARAMETER_PREFIX", "no-slash")]
    [InlineData("KMS_ROTATION_PERIOD_DAYS", "30")]
    [InlineData("SWEEP_GRACE_DAYS", "0")]
    public void Invalid_values_name_the_variable(string name, string value)
    {
        var vars = new Dictionary<string, string> { ["ROTATION_PARAMETER_PREFIX"] = "/p", ["ROTATION_KMS_KEY_ID"] = "k", [name] = value };
        var e = Assert.Throws<SettingsException>(() => Load([.. vars.Select(kv => (kv.Key, kv.Value))]));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }
}
