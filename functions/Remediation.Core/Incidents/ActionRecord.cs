namespace Remediation.Core.Incidents;

/// <summary>A stored action result (serializable form of ActionResult).</summary>
/// <param name="Kind">Handler kind.</param>
/// <param name="Target">Exact ARN.</param>
/// <param name="Reason">Why.</param>
/// <param name="Parameters">Handler inputs.</param>
/// <param name="Status">What happened to it.</param>
/// <param name="Detail">Human detail.</param>
/// <param name="Before">The state it replaced.</param>
/// <param name="Inverse">How to undo it.</param>
public sealed record ActionRecord(
    string Kind,
    string Target,
    string Reason,
    IReadOnlyDictionary<string, string> Parameters,
    ActionStatus Status,
    string Detail,
    string? Before,
    InverseRecord? Inverse)
{
    /// <summary>
    /// On a started record, what the write was about to set (for example the session cut-off), so a retry can tell
    /// that write, if it landed, from anyone else's change.
    /// </summary>
    public string? Intended { get; init; }
}

/// <summary>A stored inverse action.</summary>
/// <param name="Kind">Handler kind.</param>
/// <param name="Target">Exact ARN.</param>
/// <param name="Reason">Why.</param>
/// <param name="Parameters">Handler inputs.</param>
public sealed record InverseRecord(string Kind, string Target, string Reason, IReadOnlyDictionary<string, string> Parameters);
