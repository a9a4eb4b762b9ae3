using Remediation.Core.Guardrails;

namespace Remediation.Core.Pipeline;

/// <summary>How an incident reaches the account it is about: directly (the stack's own), or through a member role.</summary>
/// <param name="AccountId">The account every read and write of the incident acts in.</param>
/// <param name="RoleArn">The member role assumed; null in the stack's own account.</param>
/// <param name="SessionName">The role session name (CloudTrail in the member shows it); null in the stack's own account.</param>
public sealed record AccountAccess(string AccountId, string? RoleArn = null, string? SessionName = null);

/// <summary>What a function reads and writes with in one account: its playbook, handlers and tag lookups, built over that account's clients.</summary>
/// <param name="Access">The account and, for a member, the role.</param>
/// <param name="Playbook">The playbook over the account's clients.</param>
/// <param name="Handlers">The handlers over the account's clients.</param>
/// <param name="Tags">Tag lookups in the account.</param>
public sealed record AccountWorkspace(AccountAccess Access, IPlaybook Playbook, IReadOnlyList<IActionHandler> Handlers, ITagLookup Tags)
{
    /// <summary>Reads the account's alias for the notification (a member's; read after the writes, never before them).</summary>
    public Func<CancellationToken, Task<string?>>? ReadAlias { get; init; }
}

/// <summary>Opens the workspace of a configured member account for one incident (assuming its role when needed).</summary>
public interface IMemberWorkspaces
{
    /// <summary>The member account's workspace.</summary>
    /// <exception cref="Accounts.AccountAccessException">The member role was refused.</exception>
    Task<AccountWorkspace> OpenAsync(string account, string incidentId, CancellationToken ct);
}
