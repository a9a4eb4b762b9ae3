using System.Security.Cryptography;
using System.Text;

namespace Remediation.Core.Ledger;

/// <summary>Where an incident stands.</summary>
public enum IncidentState
{
    /// <summary>An invocation owns it and is working.</summary>
    Claimed,
    /// <summary>Writes are done and recorded; the notification is not yet sent.</summary>
    Executed,
    /// <summary>Finished and notified.</summary>
    Notified,
    /// <summary>The last attempt failed; a redelivery may take it over.</summary>
    Failed,
    /// <summary>An operator rolled it back.</summary>
    RolledBack,
    /// <summary>The breaker refused its writes: a later delivery, or <c>remediate release</c>, contains it.</summary>
    Held,
}

/// <summary>One incident in the ledger: what was found, planned, done, replaced, and how to undo it.</summary>
public sealed record IncidentRecord
{
    /// <summary>Deterministic id from function + dedupe key (see <see cref="IncidentIds"/>).</summary>
    public required string IncidentId { get; init; }
    /// <summary>The function's logical name.</summary>
    public required string Function { get; init; }
    /// <summary>The dedupe key (docs/architecture.md §dedupe).</summary>
    public required string DedupeKey { get; init; }
    /// <summary>Finding id / eventID.</summary>
    public required string FindingId { get; init; }
    /// <summary>Finding type.</summary>
    public required string FindingType { get; init; }
    /// <summary>Severity label.</summary>
    public required string Severity { get; init; }
    /// <summary>Account.</summary>
    public required string Account { get; init; }
    /// <summary>Region.</summary>
    public required string Region { get; init; }
    /// <summary>Where it stands.</summary>
    public required IncidentState State { get; init; }
    /// <summary>Random token of the invocation that owns the claim.</summary>
    public required string ClaimToken { get; init; }
    /// <summary>When the current claim was taken.</summary>
    public required DateTimeOffset ClaimedAt { get; init; }
    /// <summary>Attempts so far (1 for the first).</summary>
    public required int Attempt { get; init; }
    /// <summary>remediated | skipped | dry-run | failed, once known.</summary>
    public IncidentOutcome? Outcome { get; init; }
    /// <summary>Why, in one sentence.</summary>
    public string? Reason { get; init; }
    /// <summary>The subject line that was (or will be) published.</summary>
    public string? Subject { get; init; }
    /// <summary>Each action's result, with before-state and inverse.</summary>
    public IReadOnlyList<ActionRecord> Actions { get; init; } = [];
    /// <summary>What was deliberately not done, and why.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];
    /// <summary>What the playbook found that justified its plan (each broken rule with its value).</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
    /// <summary>The SNS message id, once notified.</summary>
    public string? MessageId { get; init; }

    /// <summary>An operator released it from the breaker (<c>remediate release</c>): its next run is not held.</summary>
    public bool Released { get; init; }

    /// <summary>The event of a held incident (up to 100 KB), so <c>remediate release</c> can deliver it again.</summary>
    public string? HeldEvent { get; init; }
    /// <summary>The member role the incident acted through (rollback assumes it again); null in the stack's own account.</summary>
    public string? MemberRoleArn { get; init; }

    /// <summary>The role session name of the member session, as CloudTrail in the member account records it.</summary>
    public string? MemberSessionName { get; init; }

    /// <summary>The topic notified.</summary>
    public string? TopicArn { get; init; }
    /// <summary>Rollback results, once rolled back.</summary>
    public IReadOnlyList<ActionRecord> Rollback { get; init; } = [];
    /// <summary>When last written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Epoch seconds after which DynamoDB TTL deletes the record.</summary>
    public long ExpiresAt { get; init; }
}

/// <summary>Incident ids: deterministic, so a redelivered event finds its incident without an index.</summary>
public static class IncidentIds
{
    /// <summary>"inc-" + 20 hex characters of SHA-256(function|dedupeKey).</summary>
    public static string For(string function, string dedupeKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(function + "|" + dedupeKey));
        return "inc-" + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }
}
