using System.Globalization;

namespace Remediation.Core.Events;

/// <summary>
/// Times inside a detail are read as text: one in an unexpected format (log pipelines rewrite them, e.g.
/// "2025-02-25 20:40:06.721") must not make the event unreadable, since the envelope carries a time of its own.
/// </summary>
internal static class EventTimes
{
    public static DateTimeOffset Or(string? text, DateTimeOffset fallback) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : fallback;
}
