using Remediation.Core.Accounts;

namespace Remediation.Tool.Rollback;

/// <summary>
/// The executor rollback applies an incident's inverses with: the caller's own clients for an incident of the
/// stack's account, the member role the record names for a member's incident (a session named after the rollback).
/// </summary>
public static class RollbackExecutors
{
    public static Func<IncidentRecord, CancellationToken, Task<PlanExecutor>> For(AwsClientFactory aws, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return async (record, ct) =>
        {
            if (record.MemberRoleArn is not { } role)
            {
                return new PlanExecutor(ActionCatalog.All(aws, time));
            }
            // The role must be in the incident's own account: a record never sends rollback into another one.
            if (!role.StartsWith($"arn:aws:iam::{record.Account}:role/", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"incident {record.IncidentId} names member role {role}, which is not in its account {record.Account}; nothing was undone");
            }
            var session = MemberSessions.SessionName("rollback", record.IncidentId);
            var member = await aws.AssumeRoleAsync(role, session, durationSeconds: null, ct);
            return new PlanExecutor(ActionCatalog.All(member.Clients, time));
        };
    }
}
