using Remediation.Core.Aws.Iam;

namespace Remediation.Actions.Iam;

/// <summary>Every IAM action handler, over one client.</summary>
public static class IamActionHandlers
{
    /// <summary>The handlers, one per kind.</summary>
    public static IEnumerable<IActionHandler> Create(IIam iam, TimeProvider time)
    {
        foreach (var entity in Enum.GetValues<IamEntityKind>())
        {
            yield return new ManagedPolicyHandler(iam, entity, attach: true);
            yield return new ManagedPolicyHandler(iam, entity, attach: false);
            yield return new InlinePolicyHandler(iam, entity, put: true);
            yield return new InlinePolicyHandler(iam, entity, put: false);
        }
        yield return new UpdateAccessKeyHandler(iam);
        yield return new RevokeOlderSessionsHandler(iam, time);
        yield return new DenyAllUserHandler(iam);
        yield return new DeleteLoginProfileHandler(iam);
        yield return new GroupMembershipHandler(iam, add: true);
        yield return new GroupMembershipHandler(iam, add: false);
        yield return new DefaultPolicyVersionHandler(iam);
    }

    /// <summary>Session revocation alone (IsolateInstance: the instance role's stolen credentials die).</summary>
    public static IEnumerable<IActionHandler> SessionRevocation(IIam iam, TimeProvider time)
    {
        yield return new RevokeOlderSessionsHandler(iam, time);
    }

    /// <summary>
    /// What RevokeIamPermissions may run: containment (deny-all, key deactivation, session revocation) and the undo of
    /// an escalation (detach, delete inline, delete login profile, remove from a group, restore a policy's default version). No generic attach or inline put: IAM has no condition
    /// key for an inline policy's name, so the only names the function writes are kept here, in code
    /// (<see cref="RevokeOlderSessionsHandler"/> and <see cref="DenyAllUserHandler"/>); restoring a previous document is
    /// rollback's, with the operator's credentials.
    /// </summary>
    public static IEnumerable<IActionHandler> Containment(IIam iam, TimeProvider time)
    {
        foreach (var entity in Enum.GetValues<IamEntityKind>())
        {
            yield return new ManagedPolicyHandler(iam, entity, attach: false);
            yield return new InlinePolicyHandler(iam, entity, put: false);
        }
        yield return new UpdateAccessKeyHandler(iam);
        yield return new RevokeOlderSessionsHandler(iam, time);
        yield return new DenyAllUserHandler(iam);
        yield return new DeleteLoginProfileHandler(iam);
        yield return new GroupMembershipHandler(iam, add: false);
        yield return new DefaultPolicyVersionHandler(iam);
    }
}
