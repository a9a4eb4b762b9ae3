using System.Text.RegularExpressions;
using Remediation.Actions.Ec2;
using Remediation.Core.Guardrails;
using static Remediation.Actions.Ec2.Ec2Actions;
using Iam = Remediation.Actions.Iam.IamActions;

namespace Remediation.IsolateInstance;

/// <summary>
/// The pure decision: which writes isolate this instance, in the order that stops the damage first (interfaces, the
/// role's stolen sessions, the Auto Scaling group that would replace or terminate it), then evidence and marking.
/// </summary>
public static partial class IsolationPlanner
{
    // EC2 instance ids: i- and 8 or 17 hex digits (EC2 User Guide, "Resource IDs").
    [GeneratedRegex("^i-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceIdShape();

    /// <summary>Why the event itself rules isolation out (no read needed), or null.</summary>
    public static string? Precheck(Finding finding, string stackRegion)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Resource is not { Kind: ResourceKind.Ec2Instance } instance)
        {
            return "IsolateInstance acts on GuardDuty findings about an EC2 instance";
        }
        if (!IsolationFamilies.Covers(finding))
        {
            return $"IsolateInstance does not isolate instances for {finding.Type} findings (families: {string.Join(", ", IsolationFamilies.Prefixes)})";
        }
        if (!InstanceIdShape().IsMatch(instance.Id))
        {
            return $"\"{instance.Id}\" is not an EC2 instance id; nothing is read or changed";
        }
        if (finding.Region != stackRegion)
        {
            return $"instance {instance.Id} is in {finding.Region}; this stack isolates instances in {stackRegion} (deploy it there too)";
        }
        if (instance.Attributes.GetValueOrDefault("resourceRole") == "TARGET" && finding.Type.Contains("BruteForce", StringComparison.Ordinal))
        {
            return $"instance {instance.Id} is the target of the brute force, not its source: reported, not isolated";
        }
        return null;
    }

    /// <summary>The plan for the instance as EC2 describes it now (null: it no longer exists).</summary>
    public static Plan Decide(Finding finding, InstanceFacts? facts, IsolateInstanceOptions options, string incidentId)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(options);
        var id = finding.Resource!.Id;
        if (facts is null)
        {
            return Plan.ReportOnly($"instance {id} no longer exists", Headline.Same($"Reported EC2 instance {id}"));
        }
        // Built by the normalizer from the validated instance id, the finding's account and region.
        var arn = finding.Resource.Arn ?? throw new InvalidOperationException("an instance finding without its ARN");
        var reported = Headline.Same($"Reported EC2 instance {facts.Label}");
        if (Objection(facts, arn, options) is { } objection)
        {
            return Plan.ReportOnly(objection, reported) with { Evidence = Evidence(facts) };
        }
        var why = $"{finding.Type} (severity {finding.Severity.Score:0.#})";
        var actions = new List<PlannedAction>();
        foreach (var eni in facts.Interfaces)
        {
            actions.Add(PlannedAction.Create(IsolateInterface, arn, $"cut every connection of {facts.InstanceId} on {eni.Id}: {why}",
                (InstanceId, facts.InstanceId), (NetworkInterfaceId, eni.Id), (VpcId, eni.VpcId)));
        }
        if (facts.RoleArn is { } role)
        {
            var roleName = role[(role.LastIndexOf('/') + 1)..];
            actions.Add(PlannedAction.Create(Iam.RevokeOlderSessions, role,
                $"revoke every session of role {roleName} issued before now: credentials taken from {facts.InstanceId}'s metadata die with them",
                (Iam.Params.RoleName, roleName)));
        }
        if (facts.AutoScalingGroup is { } group)
        {
            actions.Add(PlannedAction.Create(DetachFromGroup, arn, $"keep Auto Scaling group {group} from replacing or terminating {facts.InstanceId}",
                (InstanceId, facts.InstanceId), (GroupName, group)));
        }
        actions.Add(PlannedAction.Create(Protect, arn, $"keep {facts.InstanceId} and its evidence from being terminated or stopped", (InstanceId, facts.InstanceId)));
        foreach (var volume in facts.VolumeIds)
        {
            actions.Add(PlannedAction.Create(SnapshotVolume, arn, $"evidence: snapshot {volume} as it is now",
                (InstanceId, facts.InstanceId), (VolumeId, volume), (IncidentId, incidentId), (FindingId, finding.FindingId)));
        }
        actions.Add(PlannedAction.Create(TagIsolated, arn, $"mark {facts.InstanceId} as isolated by {incidentId}", (InstanceId, facts.InstanceId), (IncidentId, incidentId)));
        var skipped = facts.Interfaces.Count == 0 ? new List<string> { $"{facts.InstanceId} has no network interface to isolate" } : [];
        return new Plan(actions, skipped, new Headline($"Isolated EC2 instance {facts.Label}", $"Would isolate EC2 instance {facts.Label}"))
        {
            Evidence = Evidence(facts),
        };
    }

    private static string? Objection(InstanceFacts facts, string arn, IsolateInstanceOptions options)
    {
        if (facts.State is "terminated" or "shutting-down")
        {
            return $"instance {facts.InstanceId} is {facts.State}";
        }
        if (facts.Tags.TryGetValue(Core.Configuration.RemediationSettings.ExemptTagKey, out var exempt) && string.Equals(exempt, "true", StringComparison.OrdinalIgnoreCase))
        {
            return $"instance {facts.InstanceId} carries the tag {Core.Configuration.RemediationSettings.ExemptTagKey}=true";
        }
        if (options.ExemptInstancePatterns.FirstOrDefault(p => ArnPattern.Matches(p, facts.InstanceId) || ArnPattern.Matches(p, arn)) is { } pattern)
        {
            return $"instance {facts.InstanceId} is exempt by pattern {pattern} (EXEMPT_INSTANCE_PATTERNS)";
        }
        if (options.StackName is { Length: > 0 } stack && facts.Tags.GetValueOrDefault("aws:cloudformation:stack-name") == stack)
        {
            return $"instance {facts.InstanceId} belongs to this stack ({stack})";
        }
        return null;
    }

    private static IReadOnlyList<string> Evidence(InstanceFacts facts) =>
    [
        $"instance {facts.Label}: {facts.InstanceType}, {facts.State}, VPC {facts.VpcId ?? "(none)"}, private IP {facts.PrivateIp ?? "(none)"}",
        .. facts.Interfaces.Select(e => $"network interface {e.Id}: security groups {(e.GroupIds.Count == 0 ? "(none)" : string.Join(", ", e.GroupIds))}"),
        $"instance profile role: {facts.RoleArn ?? "(none)"}; Auto Scaling group: {facts.AutoScalingGroup ?? "(none)"}",
        $"EBS volumes: {(facts.VolumeIds.Count == 0 ? "(none)" : string.Join(", ", facts.VolumeIds))}",
    ];
}
