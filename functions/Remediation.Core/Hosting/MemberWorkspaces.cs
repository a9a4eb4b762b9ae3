using Remediation.Core.Accounts;
using Remediation.Core.Configuration;
using Remediation.Core.Guardrails;

namespace Remediation.Core.Hosting;

/// <summary>
/// A member account's workspace: the function's own composition (playbook and handlers) built again over the member
/// session's clients and the member stack's resource names (<see cref="MemberStackNames.Environment"/>), reused while the
/// session lives.
/// </summary>
internal sealed class MemberWorkspaces(MemberSessions sessions, FunctionContext central, string function,
    Func<FunctionContext, (IPlaybook Playbook, IReadOnlyList<IActionHandler> Handlers)> compose) : IMemberWorkspaces
{
    private readonly Dictionary<string, (MemberSession Session, AccountWorkspace Workspace)> built = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async Task<AccountWorkspace> OpenAsync(string account, string incidentId, CancellationToken ct)
    {
        var session = await sessions.OpenAsync(account, function, incidentId, ct);
        lock (gate)
        {
            if (built.TryGetValue(account, out var known) && ReferenceEquals(known.Session, session))
            {
                return known.Workspace;
            }
        }
        var environment = new EnvironmentReader(MemberStackNames.Environment(central.Environment.Variables, account, central.Aws.Region));
        var clients = session.Clients;
        var (playbook, handlers) = compose(central with { Environment = environment, Aws = clients, Account = account });
        var workspace = new AccountWorkspace(new AccountAccess(account, session.RoleArn, session.SessionName), playbook, handlers,
            new AwsTagLookup(clients.Iam, clients.S3, clients.SageMaker))
        {
            ReadAlias = clients.Iam.GetAccountAliasAsync,
        };
        lock (gate)
        {
            built[account] = (session, workspace);
        }
        return workspace;
    }
}
