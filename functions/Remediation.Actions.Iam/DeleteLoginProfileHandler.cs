using Remediation.Core.Aws.Iam;
using static Remediation.Actions.Iam.IamActions;

namespace Remediation.Actions.Iam;

/// <summary>
/// Removes a user's console password. Not reversible: IAM never reveals a password, so rollback cannot restore it;
/// an administrator sets a new one (the detail says so).
/// </summary>
public sealed class DeleteLoginProfileHandler(IIam iam) : IActionHandler
{
    /// <inheritdoc />
    public string Kind => DeleteLoginProfile;

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = action.Require(Params.UserName);
        if (!await iam.HasLoginProfileAsync(user, ct))
        {
            return ActionResult.Done(action, $"user {user} has no console password; nothing changed", StateJson.Of(("loginProfile", "false")), null);
        }
        await iam.DeleteLoginProfileAsync(user, ct);
        return ActionResult.Done(action,
            $"deleted the console password of user {user}; not reversible (the password is unknown): an administrator must set a new one",
            StateJson.Of(("loginProfile", "true")), null);
    }
}
