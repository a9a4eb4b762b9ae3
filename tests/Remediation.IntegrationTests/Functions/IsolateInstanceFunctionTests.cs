using Amazon.EC2;
using Amazon.EC2.Model;
using Remediation.Actions.Ec2;

namespace Remediation.IntegrationTests.Functions;

/// <summary>IsolateInstance end to end through its handler string, against LocalAws seeded with events/world.json's VPC and instances.</summary>
[Collection("LocalAws")]
public sealed class IsolateInstanceFunctionTests(LocalAwsFixture fixture) : IDisposable
{
    private const string Function = "IsolateInstance";
    private const string Mining = "guardduty/ec2-cryptocurrency-bitcoin-dns.json";
    private const string AsgMember = "guardduty/ec2-backdoor-cc-asg-member.json";
    private const string Trainer = "i-0a1b2c3d4e5f60718";
    private const string Sibling = "i-0b1b2c3d4e5f60719";
    private const string Inference = "i-0c1b2c3d4e5f6071a";
    private static readonly (string, string) Enforce = ("REMEDIATION_MODE", "enforce");
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    private IAmazonEC2 Ec2 => harness.Aws.Ec2();

    private async Task<Instance> InstanceAsync(string id) =>
        (await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] })).Reservations[0].Instances[0];

    private async Task<List<string>> GroupNamesAsync(string id) =>
        [.. (await InstanceAsync(id)).NetworkInterfaces.SelectMany(n => n.Groups).Select(g => g.GroupName).Order(StringComparer.Ordinal)];

    private async Task<bool> AttributeAsync(string id, InstanceAttributeName name)
    {
        var attribute = (await Ec2.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = id, Attribute = name })).InstanceAttribute;
        return name == InstanceAttributeName.DisableApiTermination ? attribute.DisableApiTermination ?? false : attribute.DisableApiStop ?? false;
    }

    private async Task<List<Snapshot>> SnapshotsAsync(string incidentId) =>
        (await Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], Filters = [new Filter("tag:" + Ec2Actions.IncidentTag, [incidentId])] })).Snapshots ?? [];

    private async Task<IReadOnlyList<RecordedCall>> WritesAsync() =>
        [.. (await harness.CallsAsync()).Where(c => c.Service is "ec2" or "autoscaling" && !c.Operation.StartsWith("Describe", StringComparison.Ordinal))];

    [Fact]
    public async Task A_mining_instance_is_isolated_through_the_untracking_group_protected_snapshotted_and_its_role_sessions_revoked()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync(Mining), Enforce);

        Assert.True(invocation.Outcome == IncidentOutcome.Remediated, invocation.Result.ToString() + invocation.Logs);
        var incidentId = invocation.Result.GetProperty("incidentId").GetString()!;
        // Every interface ends in the empty isolation group, and got there through the untracking group (connection tracking).
        var eni = (await InstanceAsync(Trainer)).NetworkInterfaces.Single();
        Assert.Equal([IsolationGroups.IsolationName], eni.Groups.Select(g => g.GroupName));
        var moves = (await harness.CallsAsync("ec2")).Where(c => c.Operation == "ModifyNetworkInterfaceAttribute").Select(c => c.Parameters.GetProperty("SecurityGroupId.1").GetString()!).ToList();
        var groups = (await Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = moves })).SecurityGroups.ToDictionary(g => g.GroupId);
        Assert.Equal([IsolationGroups.UntrackingName, IsolationGroups.IsolationName], moves.Select(m => groups[m].GroupName));
        var isolation = groups[moves[1]];
        Assert.Empty(isolation.IpPermissions ?? []);
        Assert.Empty(isolation.IpPermissionsEgress ?? []);
        Assert.Contains(groups[moves[0]].IpPermissions, p => p.IpProtocol == "-1" && p.Ipv4Ranges.Any(r => r.CidrIp == "0.0.0.0/0"));
        // Another instance with the same groups keeps them.
        Assert.Equal(["gpu-ssh", "ml-egress"], await GroupNamesAsync(Sibling));
        Assert.True(await AttributeAsync(Trainer, InstanceAttributeName.DisableApiTermination));
        Assert.True(await AttributeAsync(Trainer, InstanceAttributeName.DisableApiStop));
        Assert.False(await AttributeAsync(Sibling, InstanceAttributeName.DisableApiTermination));
        // Every attached volume has an evidence snapshot tagged with the incident and the finding.
        var volumes = (await InstanceAsync(Trainer)).BlockDeviceMappings.Select(b => b.Ebs.VolumeId).Order(StringComparer.Ordinal).ToList();
        var snapshots = await SnapshotsAsync(incidentId);
        Assert.Equal(volumes, snapshots.Select(s => s.VolumeId).Order(StringComparer.Ordinal));
        Assert.All(snapshots, s => Assert.Contains(s.Tags, t => t.Key == Ec2Actions.FindingTag && t.Value == "a4c6e8f0b2d4a6c8e0f2b4d6a8c0e2f4"));
        // The instance role's older sessions are denied.
        var revocation = await harness.Aws.Iam.GetRolePolicyAsync("gpu-training-role", "AWSRevokeOlderSessions", default);
        using (var document = JsonDocument.Parse(revocation!))
        {
            var statement = document.RootElement.GetProperty("Statement")[0];
            Assert.Equal("Deny", statement.GetProperty("Effect").GetString());
            var cutoff = DateTimeOffset.Parse(statement.GetProperty("Condition").GetProperty("DateLessThan").GetProperty("aws:TokenIssueTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(cutoff, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddSeconds(5));
        }
        Assert.Contains((await InstanceAsync(Trainer)).Tags, t => t.Key == Ec2Actions.IsolatedTag && t.Value == incidentId);

        var message = Assert.Single(await harness.PublishedAsync());
        Assert.StartsWith("[HIGH] Isolated EC2 instance i-0a1b2c3d4e5f60718 (gpu-trainer-1)", message.Subject, StringComparison.Ordinal);
        Assert.Contains("p3.2xlarge", message.Text, StringComparison.Ordinal);
        Assert.Contains("private IP " + (await InstanceAsync(Trainer)).PrivateIpAddress, message.Text, StringComparison.Ordinal);
        Assert.Contains(snapshots[0].SnapshotId, message.Text, StringComparison.Ordinal);
        Assert.Contains("kept by rollback", message.Text, StringComparison.Ordinal);
        Assert.Contains("remediate rollback " + incidentId, message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_delivery_writes_nothing()
    {
        await harness.ResetAsync();
        var eventText = await harness.EventTextAsync(Mining);
        Assert.Equal(IncidentOutcome.Remediated, (await harness.InvokeAsync(Function, eventText, Enforce)).Outcome);
        await fixture.ClearCallsAsync();

        var again = await harness.InvokeAsync(Function, eventText, Enforce);

        Assert.Equal(IncidentOutcome.Skipped, again.Outcome);
        Assert.Empty(await WritesAsync());
        Assert.Empty(await harness.PublishedAsync());
    }

    [Fact]
    public async Task Rollback_restores_groups_protection_and_tag_exactly_and_keeps_the_snapshots()
    {
        await harness.ResetAsync();
        var before = await GroupNamesAsync(Trainer);
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync(Mining), Enforce);
        var incidentId = invocation.Result.GetProperty("incidentId").GetString()!;

        var rolledBack = await harness.Rollback().RollbackAsync(incidentId, default);

        Assert.DoesNotContain(rolledBack.Rollback, r => r.Status == ActionStatus.Failed);
        Assert.Equal(before, await GroupNamesAsync(Trainer));
        Assert.False(await AttributeAsync(Trainer, InstanceAttributeName.DisableApiTermination));
        Assert.False(await AttributeAsync(Trainer, InstanceAttributeName.DisableApiStop));
        Assert.DoesNotContain((await InstanceAsync(Trainer)).Tags ?? [], t => t.Key == Ec2Actions.IsolatedTag);
        Assert.Null(await harness.Aws.Iam.GetRolePolicyAsync("gpu-training-role", "AWSRevokeOlderSessions", default));
        Assert.Equal(2, (await SnapshotsAsync(incidentId)).Count);
    }

    [Fact]
    public async Task An_auto_scaling_member_is_detached_without_a_replacement_and_rollback_attaches_it_again()
    {
        await harness.ResetAsync();
        var autoScaling = harness.Aws.AutoScaling();
        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync(AsgMember), Enforce);

        Assert.True(invocation.Outcome == IncidentOutcome.Remediated, invocation.Result.ToString() + invocation.Logs);
        Assert.Null(await autoScaling.MembershipAsync(Inference, default));
        var detach = Assert.Single(await harness.CallsAsync("autoscaling"), c => c.Operation == "DetachInstances");
        Assert.Equal("true", detach.Parameters.GetProperty("ShouldDecrementDesiredCapacity").GetString());
        Assert.Equal("running", (await InstanceAsync(Inference)).State.Name.Value);
        Assert.DoesNotContain(await harness.CallsAsync("ec2"), c => c.Operation == "RunInstances" || c.Operation == "TerminateInstances");

        await harness.Rollback().RollbackAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);

        Assert.Equal("inference-asg", (await autoScaling.MembershipAsync(Inference, default))?.GroupName);
        Assert.Equal(["ml-egress"], await GroupNamesAsync(Inference));
    }

    [Fact]
    public async Task An_exempt_instance_is_reported_and_untouched()
    {
        await harness.ResetAsync();
        var eventText = (await harness.EventTextAsync(Mining)).Replace(Trainer, "i-0d1b2c3d4e5f6071b", StringComparison.Ordinal);

        var invocation = await harness.InvokeAsync(Function, eventText, Enforce);

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("remediation:exempt=true", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await WritesAsync());
        Assert.Equal(["gpu-ssh"], await GroupNamesAsync("i-0d1b2c3d4e5f6071b"));
        Assert.Single(await harness.PublishedAsync());
    }

    [Theory]
    [InlineData("guardduty/sample-finding-ec2-cryptocurrency.json", "enforce")]
    [InlineData(Mining, "dry-run")]
    public async Task Sample_findings_and_dry_run_plan_the_isolation_and_write_nothing(string file, string mode)
    {
        await harness.ResetAsync();

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync(file), ("REMEDIATION_MODE", mode));

        Assert.Equal(IncidentOutcome.DryRun, invocation.Outcome);
        Assert.All(invocation.Result.GetProperty("actions").EnumerateArray(), a => Assert.Equal("planned", a.GetProperty("status").GetString()));
        Assert.Empty(await WritesAsync());
        Assert.Equal(["gpu-ssh", "ml-egress"], await GroupNamesAsync(Trainer));
    }

    [Fact]
    public async Task The_breaker_holds_an_isolation_past_its_budget()
    {
        await harness.ResetAsync();

        var invocation = await harness.InvokeAsync(Function, await harness.EventTextAsync(Mining), Enforce, ("BREAKER_MAX_TARGETS", "1"));

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("remediate release", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await WritesAsync());
        Assert.Equal(["gpu-ssh", "ml-egress"], await GroupNamesAsync(Trainer));
    }
}
