using Remediation.Tool.Drill;
using Remediation.Tool.Template;

namespace Remediation.Tests.StopTrainingJob;

/// <summary>Security Hub and conformance packs deploy the managed notebook rules under prefixed and suffixed names.</summary>
public sealed class SecurityHubRuleNameTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(Repo.PathOf("template.yaml"));

    [Theory]
    [InlineData("securityhub-sagemaker-notebook-no-direct-internet-access-a1b2c3")]
    [InlineData("sagemaker-notebook-instance-inside-vpc-conformance-pack-x7y8z9")]
    [InlineData("securityhub-sagemaker-notebook-instance-inside-vpc-0f1e2d")]
    public void A_prefixed_notebook_rule_reaches_StopTrainingJob_and_Notify_leaves_it(string ruleName)
    {
        var text = File.ReadAllText(Repo.PathOf("events", "config", "sagemaker-notebook-direct-internet-noncompliant.json"))
            .Replace("sagemaker-notebook-no-direct-internet-access", ruleName, StringComparison.Ordinal);
        using var evt = JsonDocument.Parse(text);
        Assert.Equal(["Notify", "StopTrainingJob"], Router.Route(Template, evt.RootElement).Select(f => f.Name).Order(StringComparer.Ordinal));
        var finding = Core.Events.EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(text)).Finding!;
        Assert.Equal("StopTrainingJob", Core.Findings.ConfigRuleOwners.OwnerOf(finding.Compliance!.RuleName));
        Assert.NotNull(new Notify.NotifyPlaybook().Disregard(finding));
        var plan = Remediation.StopTrainingJob.StopTrainingJobPlanner.ForNotebook(finding,
            new Core.Aws.SageMaker.SageMakerNotebook("research-notebook", "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research-notebook",
                "InService", "Enabled", null, null));
        Assert.Single(plan.Actions);
    }
}
