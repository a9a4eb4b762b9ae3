namespace Remediation.Tests.Events;

/// <summary>A failed call is an attempt: Medium, and one incident per actor, call and hour however often it is retried.</summary>
public sealed class FailedCallTests
{
    private static Core.Findings.Finding Denied(string eventId, string time, string actor = "data-scientist-bob") =>
        SampleEvents.ParseEdited("cloudtrail/iam-attach-user-policy-denied.json", e =>
        {
            e["detail"]!["eventID"] = eventId;
            e["detail"]!["eventTime"] = time;
            e["detail"]!["userIdentity"]!["arn"] = "arn:aws:iam::123456789012:user/" + actor;
        }).Finding!;

    [Fact]
    public void Retries_of_a_denied_call_within_the_hour_are_one_incident_and_medium()
    {
        var first = Denied("e-1", "2025-06-14T09:05:00Z");
        var retry = Denied("e-2", "2025-06-14T09:55:00Z");
        var nextHour = Denied("e-3", "2025-06-14T10:05:00Z");
        var otherActor = Denied("e-4", "2025-06-14T09:06:00Z", "intern-sam");

        Assert.Equal("MEDIUM", first.Severity.LabelText);
        Assert.Equal(first.DedupeKey, retry.DedupeKey);
        Assert.NotEqual(first.DedupeKey, nextHour.DedupeKey);
        Assert.NotEqual(first.DedupeKey, otherActor.DedupeKey);
        Assert.Equal("HIGH", SampleEvents.Parse("cloudtrail/iam-attach-user-policy-admin.json").Finding!.Severity.LabelText);
    }
}
