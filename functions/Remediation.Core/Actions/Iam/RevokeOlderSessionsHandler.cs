using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Pipeline;
using static Remediation.Core.Actions.Iam.IamActions;

namespace Remediation.Core.Actions.Iam;

/// <summary>
/// Revokes a role's sessions issued before now: the inline <c>AWSRevokeOlderSessions</c> policy denying everything
/// when <c>aws:TokenIssueTime</c> is earlier (docs/aws-reference.md §B2). The role itself keeps working for new sessions.
/// Re-running moves the cut-off forward, as the console does. The inverse restores the previous
/// <c>AWSRevokeOlderSessions</c> document, or deletes the policy when there was none.
/// </summary>
public sealed class RevokeOlderSessionsHandler(IIam iam, TimeProvider time) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => RevokeOlderSessions;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var role = action.Require(Params.RoleName);
        const string PolicyName = IamPolicyDocuments.RevokeOlderSessionsName;
        var previous = await iam.GetRolePolicyAsync(role, PolicyName, ct);
        var cutoff = time.GetUtcNow();
        try
        {
            await iam.PutRolePolicyAsync(role, PolicyName, IamPolicyDocuments.RevokeOlderSessions(cutoff), ct);
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            // A deleted role has no sessions left to revoke: reported, not failed (retrying cannot help).
            return ActionResult.Skipped(action, $"role {role} no longer exists; no sessions to revoke");
        }
        var inverse = previous is null
            ? PlannedAction.Create(Inline(IamEntityKind.Role, put: false), action.Target, $"rollback: delete {PolicyName} from role {role}",
                (Params.RoleName, role), (Params.PolicyName, PolicyName))
            : PlannedAction.Create(Inline(IamEntityKind.Role, put: true), action.Target, $"rollback: restore the previous {PolicyName} of role {role}",
                (Params.RoleName, role), (Params.PolicyName, PolicyName), (Params.PolicyDocument, previous));
        return ActionResult.Done(action,
            $"denied every session of role {role} issued before {IamPolicyDocuments.Iso(cutoff)} (inline policy {PolicyName}); new sessions work",
            StateJson.Of((Params.PolicyName, PolicyName), (Params.PolicyDocument, previous)), inverse);
    }
}
