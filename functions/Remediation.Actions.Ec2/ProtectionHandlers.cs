using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using static Remediation.Actions.Ec2.Ec2Actions;

namespace Remediation.Actions.Ec2;

/// <summary>An instance's termination and stop protection.</summary>
/// <param name="Termination">DisableApiTermination.</param>
/// <param name="Stop">DisableApiStop.</param>
internal sealed record Protection(bool Termination, bool Stop)
{
    public static async Task<Protection?> ReadAsync(IAmazonEC2 ec2, string instanceId, CancellationToken ct)
    {
        var termination = await ec2.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = instanceId, Attribute = InstanceAttributeName.DisableApiTermination }, ct);
        var stop = await ec2.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = instanceId, Attribute = InstanceAttributeName.DisableApiStop }, ct);
        return new Protection(termination.InstanceAttribute?.DisableApiTermination ?? false, stop.InstanceAttribute?.DisableApiStop ?? false);
    }

    // ModifyInstanceAttribute sets one attribute per call (EC2 API Reference, ModifyInstanceAttribute).
    public async Task WriteAsync(IAmazonEC2 ec2, string instanceId, CancellationToken ct)
    {
        await ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = instanceId, DisableApiTermination = Termination }, ct);
        await ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = instanceId, DisableApiStop = Stop }, ct);
    }

    public string Json() => StateJson.Of((Ec2Actions.Termination, Word(Termination)), (Ec2Actions.Stop, Word(Stop)));

    public static string Word(bool value) => value ? "true" : "false";
}

/// <summary>
/// Turns termination and stop protection on, so the evidence on the instance survives an attacker's (or an
/// autoscaler's) attempt to end it. The inverse sets both back to what they were.
/// </summary>
public sealed class ProtectInstanceHandler(IAmazonEC2 ec2) : IIntentHandler
{
    private static readonly Protection On = new(true, true);
    private readonly PreparedRead<Protection> read = new();

    /// <inheritdoc />
    public string Kind => Protect;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = await read.ReadAsync(action, () => Protection.ReadAsync(ec2, action.Require(InstanceId), ct));
        return before is null || before == On ? null : new ActionIntent(before.Json(), Inverse(action, before));
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var id = action.Require(InstanceId);
        var before = (await read.TakeOrReadAsync(action, () => Protection.ReadAsync(ec2, id, ct)))!;
        if (before == On)
        {
            return ActionResult.Done(action, $"termination and stop protection of {id} were already on", before.Json(), null);
        }
        await On.WriteAsync(ec2, id, ct);
        return ActionResult.Done(action,
            $"termination and stop protection of {id} on (were {Protection.Word(before.Termination)}/{Protection.Word(before.Stop)})",
            before.Json(), Inverse(action, before));
    }

    private static PlannedAction Inverse(PlannedAction action, Protection before) =>
        PlannedAction.Create(SetProtection, action.Target, $"rollback: termination and stop protection of {action.Require(InstanceId)} as they were",
            (InstanceId, action.Require(InstanceId)), (Termination, Protection.Word(before.Termination)), (Stop, Protection.Word(before.Stop)));
}

/// <summary>The inverse of protection: the recorded termination and stop protection, exactly.</summary>
public sealed class SetProtectionHandler(IAmazonEC2 ec2) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => SetProtection;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var id = action.Require(InstanceId);
        var wanted = new Protection(bool.Parse(action.Require(Termination)), bool.Parse(action.Require(Stop)));
        var before = (await Protection.ReadAsync(ec2, id, ct))!;
        await wanted.WriteAsync(ec2, id, ct);
        return ActionResult.Done(action, string.Create(CultureInfo.InvariantCulture,
            $"termination and stop protection of {id} set to {Protection.Word(wanted.Termination)}/{Protection.Word(wanted.Stop)}"), before.Json(), null);
    }
}
