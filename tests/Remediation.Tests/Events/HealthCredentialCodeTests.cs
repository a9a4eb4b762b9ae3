using Remediation.Tool.Drill;
using Remediation.Tool.Template;

namespace Remediation.Tests.Events;

/// <summary>The five AWS Health codes about an access key at risk all reach RotateKeys, none of them as LOW.</summary>
public sealed class HealthCredentialCodeTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(Repo.PathOf("template.yaml"));

    [Theory]
    [InlineData("AWS_RISK_CREDENTIALS_EXPOSED", 8)]
    [InlineData("AWS_RISK_CREDENTIALS_COMPROMISED", 9)]
    [InlineData("AWS_RISK_CREDENTIALS_COMPROMISE_SUSPECTED", 7)]
    [InlineData("AWS_RISK_CREDENTIALS_EXPOSURE_SUSPECTED", 7)]
    [InlineData("AWS_RISK_IAM_QUARANTINE", 8)]
    public void A_credential_code_routes_to_RotateKeys_and_names_the_key_at_its_urgency(string code, double severity)
    {
        var text = File.ReadAllText(Repo.PathOf("events", "health", "credentials-exposed-not-opted-in.json"))
            .Replace("AWS_RISK_CREDENTIALS_EXPOSED", code, StringComparison.Ordinal);
        using var evt = JsonDocument.Parse(text);
        Assert.Equal(["RotateKeys"], Router.Route(Template, evt.RootElement).Select(f => f.Name));
        var finding = Core.Events.EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(text)).Finding!;
        Assert.Equal(severity, finding.Severity.Score);
        Assert.Equal("AKIAQXDATASCIBOB0001", finding.Principal!.AccessKeyId);
        Assert.Equal(Core.Findings.ResourceKind.AccessKey, finding.Resource!.Kind);
    }

    [Fact]
    public void A_compromised_key_is_at_least_as_urgent_as_an_exposed_one()
    {
        var exposed = SampleEvents.Parse("health/credentials-exposed-not-opted-in.json").Finding!;
        var compromised = SampleEvents.Parse("health/credentials-compromised-not-opted-in.json").Finding!;
        Assert.True(compromised.Severity.Score >= exposed.Severity.Score);
        Assert.Equal("CRITICAL", compromised.Severity.LabelText);
    }
}
