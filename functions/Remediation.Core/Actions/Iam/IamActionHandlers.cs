using Remediation.Core.Aws.Iam;
using Remediation.Core.Pipeline;

namespace Remediation.Core.Actions.Iam;

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
    }
}
