using Amazon.EC2;
using Amazon.EC2.Model;
using static Remediation.Actions.Ec2.Ec2Actions;

namespace Remediation.Actions.Ec2;

/// <summary>
/// Snapshots one attached EBS volume, tagged with the incident, the finding and the instance: evidence, which rollback
/// never deletes (no inverse). A snapshot of this incident for the volume already there is not taken again.
/// </summary>
public sealed class SnapshotVolumeHandler(IAmazonEC2 ec2) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => SnapshotVolume;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var volume = action.Require(VolumeId);
        var incident = action.Require(IncidentId);
        var existing = await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest
        {
            OwnerIds = ["self"],
            Filters = [new Filter("volume-id", [volume]), new Filter("tag:" + IncidentTag, [incident])],
        }, ct);
        if (existing.Snapshots?.FirstOrDefault() is { } taken)
        {
            return ActionResult.Done(action, $"volume {volume} already has evidence snapshot {taken.SnapshotId} of {incident}", null, null);
        }
        var snapshot = await ec2.CreateSnapshotAsync(new CreateSnapshotRequest
        {
            VolumeId = volume,
            Description = $"Remediation evidence: {incident}, instance {action.Require(InstanceId)}",
            TagSpecifications =
            [
                new TagSpecification
                {
                    ResourceType = ResourceType.Snapshot,
                    Tags = [new Tag(IncidentTag, incident), new Tag(FindingTag, action.Require(FindingId)), new Tag("remediation:instance", action.Require(InstanceId))],
                },
            ],
        }, ct);
        return ActionResult.Done(action, $"volume {volume}: evidence snapshot {snapshot.Snapshot?.SnapshotId} (kept by rollback)", null, null);
    }
}

/// <summary>
/// Tags the instance <c>remediation:isolated=&lt;incident&gt;</c> (the inverse removes it), or, as that inverse, removes the
/// tag only while it still names this incident: a later incident's tag on the same instance stays.
/// </summary>
public sealed class IsolatedTagHandler(IAmazonEC2 ec2, bool add) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => add ? TagIsolated : UntagIsolated;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var id = action.Require(InstanceId);
        var incident = action.Require(IncidentId);
        Tag[] tag = [new Tag(IsolatedTag, incident)];
        if (!add)
        {
            await ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [id], Tags = [.. tag] }, ct);
            return ActionResult.Done(action, $"{IsolatedTag}={incident} removed from {id}", null, null);
        }
        await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [.. tag] }, ct);
        return ActionResult.Done(action, $"{id} tagged {IsolatedTag}={incident}", null,
            PlannedAction.Create(UntagIsolated, action.Target, $"rollback: remove {IsolatedTag} from {id}", (InstanceId, id), (IncidentId, incident)));
    }
}
