using System.Globalization;
using Remediation.Core.Aws.Iam;
using static Remediation.Actions.Iam.IamActions;

namespace Remediation.Actions.Iam;

/// <summary>
/// Revokes a role's sessions issued before now: the inline <c>AWSRevokeOlderSessions</c> policy denying everything
/// when <c>aws:TokenIssueTime</c> is earlier (docs/aws-reference.md §B2). The role itself keeps working for new sessions.
/// Re-running moves the cut-off forward, as the console does; a retry after a cut-short attempt recognises that
/// attempt's own document (its cut-off is recorded with the intent) and does not write again. The inverse restores the
/// previous <c>AWSRevokeOlderSessions</c> document, or deletes the policy when there was none.
/// </summary>
public sealed class RevokeOlderSessionsHandler(IIam iam, TimeProvider time) : IIntentHandler
{
    private const string PolicyName = IamPolicyDocuments.RevokeOlderSessionsName;

    private readonly PreparedRead<Revocation> prepared = new();

    /// <inheritdoc />
    public string Kind => RevokeOlderSessions;

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var role = action.Require(Params.RoleName);
        var revocation = await prepared.ReadAsync(action, () => ReadAsync(role, ct));
        return new ActionIntent(Before(revocation!.Previous), Inverse(action, role, revocation.Previous), IamPolicyDocuments.Iso(revocation.Cutoff));
    }

    /// <inheritdoc />
    public async Task<ActionResult> ResumeAsync(PlannedAction action, ActionIntent recorded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(recorded);
        var role = action.Require(Params.RoleName);
        if (recorded.Intended is { } cutoff
            && IamPolicyDocuments.Same(await iam.GetRolePolicyAsync(role, PolicyName, ct),
                IamPolicyDocuments.RevokeOlderSessions(DateTimeOffset.Parse(cutoff, CultureInfo.InvariantCulture))))
        {
            return ActionResult.Done(action,
                $"sessions of role {role} issued before {cutoff} were already denied by an earlier attempt (inline policy {PolicyName}); not written again",
                recorded.BeforeState, recorded.Inverse);
        }
        return await ExecuteAsync(action, ct);
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var role = action.Require(Params.RoleName);
        var (previous, cutoff) = await prepared.TakeOrReadAsync(action, () => ReadAsync(role, ct)) ?? throw new InvalidOperationException("no read");
        try
        {
            await iam.PutRolePolicyAsync(role, PolicyName, IamPolicyDocuments.RevokeOlderSessions(cutoff), ct);
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            // A deleted role has no sessions left to revoke: reported, not failed (retrying cannot help).
            return ActionResult.Skipped(action, $"role {role} no longer exists; no sessions to revoke");
        }
        return ActionResult.Done(action,
            $"denied every session of role {role} issued before {IamPolicyDocuments.Iso(cutoff)} (inline policy {PolicyName}); new sessions work",
            Before(previous), Inverse(action, role, previous));
    }

    private async Task<Revocation?> ReadAsync(string role, CancellationToken ct) =>
        new(await iam.GetRolePolicyAsync(role, PolicyName, ct), time.GetUtcNow());

    private static string Before(string? previous) => StateJson.Of((Params.PolicyName, PolicyName), (Params.PolicyDocument, previous));

    private static PlannedAction Inverse(PlannedAction action, string role, string? previous) => previous is null
        ? PlannedAction.Create(Inline(IamEntityKind.Role, put: false), action.Target, $"rollback: delete {PolicyName} from role {role}",
            (Params.RoleName, role), (Params.PolicyName, PolicyName))
        : PlannedAction.Create(Inline(IamEntityKind.Role, put: true), action.Target, $"rollback: restore the previous {PolicyName} of role {role}",
            (Params.RoleName, role), (Params.PolicyName, PolicyName), (Params.PolicyDocument, previous));

    /// <summary>The document the write replaces and the cut-off it will set (read once, used by intent and write).</summary>
    private sealed record Revocation(string? Previous, DateTimeOffset Cutoff);
}
