using Remediation.Actions.Ec2;
using Remediation.IsolateInstance;
using Remediation.Notify;
using Remediation.Tests.Events;
using Remediation.Tool.Template;

namespace Remediation.Tests.IsolateInstance;

/// <summary>The pure decision of IsolateInstance, Notify's hand-over, and the rule's families.</summary>
public sealed class IsolationPlannerTests
{
    private const string Mining = "guardduty/ec2-cryptocurrency-bitcoin-dns.json";
    private const string Trainer = "i-0a1b2c3d4e5f60718";
    private static readonly IsolateInstanceOptions NoExemptions = new([], "remediation");

    private static Finding MiningFinding(Action<JsonObject>? edit = null) =>
        (edit is null ? SampleEvents.Parse(Mining) : SampleEvents.ParseEdited(Mining, edit)).Finding!;

    private static InstanceFacts Facts(string? role = "arn:aws:iam::123456789012:role/gpu-training-role", string? group = null,
        string state = "running", params (string, string)[] tags) =>
        new(Trainer, state, "p3.2xlarge", "vpc-1", "10.20.1.4",
            [new InterfaceFacts("eni-1", "vpc-1", ["sg-a", "sg-b"]), new InterfaceFacts("eni-2", "vpc-1", ["sg-a"])],
            ["vol-1", "vol-2"], role, group, new Dictionary<string, string>([new("Name", "gpu-trainer-1"), .. tags.Select(t => KeyValuePair.Create(t.Item1, t.Item2))]));

    [Fact]
    public void Containment_comes_first_then_evidence_and_the_mark()
    {
        var plan = IsolationPlanner.Decide(MiningFinding(), Facts(group: "gpu-asg"), NoExemptions, "inc-1");

        Assert.Equal(
            [Ec2Actions.IsolateInterface, Ec2Actions.IsolateInterface, "iam:RevokeOlderSessions", Ec2Actions.DetachFromGroup,
             Ec2Actions.Protect, Ec2Actions.SnapshotVolume, Ec2Actions.SnapshotVolume, Ec2Actions.TagIsolated],
            plan.Actions.Select(a => a.Kind));
        Assert.Equal(["eni-1", "eni-2"], plan.Actions.Take(2).Select(a => a.Parameters[Ec2Actions.NetworkInterfaceId]));
        Assert.Equal("arn:aws:iam::123456789012:role/gpu-training-role", plan.Actions[2].Target);
        Assert.All(plan.Actions.Where(a => a.Kind != "iam:RevokeOlderSessions"),
            a => Assert.Equal("arn:aws:ec2:us-east-1:123456789012:instance/" + Trainer, a.Target));
        Assert.All(plan.Actions.Where(a => a.Kind == Ec2Actions.SnapshotVolume), a => Assert.Equal("inc-1", a.Parameters[Ec2Actions.IncidentId]));
        Assert.Equal("Isolated EC2 instance i-0a1b2c3d4e5f60718 (gpu-trainer-1)", plan.Headline.Done);
        Assert.Contains(plan.Evidence, e => e.Contains("p3.2xlarge", StringComparison.Ordinal) && e.Contains("10.20.1.4", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_role_or_a_group_nothing_is_planned_for_them()
    {
        var plan = IsolationPlanner.Decide(MiningFinding(), Facts(role: null), NoExemptions, "inc-1");

        Assert.DoesNotContain(plan.Actions, a => a.Kind is "iam:RevokeOlderSessions" or Ec2Actions.DetachFromGroup);
    }

    [Theory]
    [InlineData("terminated", "", "", "is terminated")]
    [InlineData("running", "remediation:exempt", "true", "remediation:exempt=true")]
    [InlineData("running", "aws:cloudformation:stack-name", "remediation", "belongs to this stack")]
    public void Exempt_gone_and_own_instances_are_reported_with_nothing_planned(string state, string tagKey, string tagValue, string why)
    {
        var facts = tagKey.Length == 0 ? Facts(state: state) : Facts(state: state, tags: (tagKey, tagValue));

        var plan = IsolationPlanner.Decide(MiningFinding(), facts, NoExemptions, "inc-1");

        Assert.Empty(plan.Actions);
        Assert.Contains(why, Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_matching_an_exempt_pattern_or_gone_is_reported()
    {
        Assert.Contains("EXEMPT_INSTANCE_PATTERNS",
            Assert.Single(IsolationPlanner.Decide(MiningFinding(), Facts(), new(["arn:aws:ec2:*:*:instance/i-0a1b*"], null), "inc-1").Skipped), StringComparison.Ordinal);
        Assert.Contains("no longer exists", Assert.Single(IsolationPlanner.Decide(MiningFinding(), null, NoExemptions, "inc-1").Skipped), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("i-not-an-instance", "us-east-1", "CryptoCurrency:EC2/BitcoinTool.B!DNS", "ACTOR", "is not an EC2 instance id")]
    [InlineData(Trainer, "eu-west-1", "CryptoCurrency:EC2/BitcoinTool.B!DNS", "ACTOR", "is in eu-west-1")]
    [InlineData(Trainer, "us-east-1", "Recon:EC2/PortProbeUnprotectedPort", "TARGET", "does not isolate instances for Recon")]
    [InlineData(Trainer, "us-east-1", "UnauthorizedAccess:EC2/SSHBruteForce", "TARGET", "target of the brute force")]
    public void The_event_alone_can_rule_isolation_out(string instanceId, string region, string type, string role, string why)
    {
        var finding = MiningFinding(e =>
        {
            e["detail"]!["resource"]!["instanceDetails"]!["instanceId"] = instanceId;
            e["detail"]!["region"] = region;
            e["detail"]!["type"] = type;
            e["detail"]!["service"]!["resourceRole"] = role;
        });

        Assert.Contains(why, IsolationPlanner.Precheck(finding, "us-east-1"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_mining_finding_passes_the_precheck()
    {
        Assert.Null(IsolationPlanner.Precheck(MiningFinding(), "us-east-1"));
    }

    [Fact]
    public void Notify_leaves_the_isolation_families_at_the_threshold_to_isolate_instance()
    {
        var finding = MiningFinding();

        Assert.Contains("IsolateInstance", new NotifyPlaybook(7).Disregard(finding), StringComparison.Ordinal);
        Assert.Null(new NotifyPlaybook(9).Disregard(finding));   // below IsolateInstance's threshold: Notify reports it
        Assert.Null(new NotifyPlaybook().Disregard(finding));    // IsolateInstance not deployed beside it
        Assert.Null(new NotifyPlaybook(7).Disregard(MiningFinding(e => e["detail"]!["type"] = "Recon:EC2/PortProbeUnprotectedPort")));
    }

    [Fact]
    public void The_rule_selects_exactly_the_isolation_families()
    {
        var template = SamTemplate.Load(Repo.PathOf("template.yaml"));
        var rule = Assert.Single(template.Functions.Single(f => f.Name == "IsolateInstance").Rules);
        using var pattern = JsonDocument.Parse(rule.PatternJson);
        var prefixes = pattern.RootElement.GetProperty("detail").GetProperty("type").EnumerateArray().Select(t => t.GetProperty("prefix").GetString()!);

        Assert.Equal(IsolationFamilies.Prefixes, prefixes);
        Assert.Equal("Instance", pattern.RootElement.GetProperty("detail").GetProperty("resource").GetProperty("resourceType")[0].GetString());
    }
}
