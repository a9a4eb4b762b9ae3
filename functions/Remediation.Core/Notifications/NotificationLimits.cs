using Remediation.Core.Ledger;

namespace Remediation.Core.Notifications;

/// <summary>
/// How much of a report one notification shows. A plan can have thousands of actions and an event can carry
/// kilobytes of attacker-chosen text; SNS refuses messages over 262,144 bytes (SNS Publish, Message), and a message
/// that can never be sent leaves the incident unreported. The composer tries these from roomy to tight until the
/// message fits; the ledger always keeps the whole record.
/// </summary>
/// <param name="ListedItems">Actions, skips and evidence lines shown in full; the rest are counted.</param>
/// <param name="MaxString">Longest event-supplied string in the machine JSON.</param>
/// <param name="IncludeDetail">Whether the raw event detail is attached.</param>
public sealed record NotificationLimits(int ListedItems, int MaxString, bool IncludeDetail)
{
    /// <summary>The default: everything a responder reads at once, the raw detail included.</summary>
    public static readonly NotificationLimits Roomy = new(25, 2048, IncludeDetail: true);

    /// <summary>From roomy to tight.</summary>
    public static readonly IReadOnlyList<NotificationLimits> Steps =
    [
        Roomy,
        Roomy with { IncludeDetail = false },
        new(10, 512, IncludeDetail: false),
        new(3, 128, IncludeDetail: false),
    ];

    /// <summary>"done 998, skipped 2 (sagemaker:StopTrainingJob 1000)".</summary>
    public static string Counts(IReadOnlyList<ActionRecord> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var byStatus = string.Join(", ", actions.GroupBy(a => a.Status.Word()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var byKind = string.Join(", ", actions.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        return $"{byStatus} ({byKind})";
    }

    /// <summary>The string cut to <see cref="MaxString"/> characters, never inside a surrogate pair.</summary>
    public string? Cut(string? text) => text is null || text.Length <= MaxString
        ? text
        : text[..(char.IsHighSurrogate(text[MaxString - 2]) ? MaxString - 2 : MaxString - 1)] + "…";
}
