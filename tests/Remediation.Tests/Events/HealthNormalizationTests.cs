namespace Remediation.Tests.Events;

public class HealthNormalizationTests
{
    private const string Exposed = "health/credentials-exposed-not-opted-in.json";

    [Fact]
    public void Exposed_credentials_name_the_key_and_are_high()
    {
        var finding = SampleEvents.Parse(Exposed).Finding!;

        Assert.Equal(FindingSource.Health, finding.Source);
        Assert.Equal("AWS_RISK_CREDENTIALS_EXPOSED", finding.Type);
        Assert.Equal(SeverityLabel.High, finding.Severity.Label);
        Assert.Equal(ResourceKind.AccessKey, finding.Resource?.Kind);
        Assert.Equal("AKIAQXDATASCIBOB0001", finding.Resource?.Id);
        Assert.Equal("AKIAQXDATASCIBOB0001", finding.Principal?.AccessKeyId);
        Assert.Equal(PrincipalKind.IamUser, finding.Principal?.Kind);
        Assert.Null(finding.Principal?.Name); // resolved by the function, the event names only the key
        Assert.StartsWith("health:123456789012:arn:aws:health:global::event/RISK/AWS_RISK_CREDENTIALS_EXPOSED/", finding.DedupeKey, StringComparison.Ordinal);
        Assert.Equal("us-east-1", finding.Region); // eventRegion "global" falls back to the envelope's region
        Assert.Equal(new DateTimeOffset(2025, 6, 16, 8, 39, 55, TimeSpan.Zero), finding.Time); // RFC 1123 time
        Assert.Contains("AKIAQXDATASCIBOB0001", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_affected_key_is_kept()
    {
        var result = SampleEvents.ParseEdited(Exposed, e =>
            e["detail"]!["affectedEntities"]!.AsArray().Add(new JsonObject { ["entityValue"] = "AKIAQXSECONDKEY00001" }));

        Assert.Equal("AKIAQXDATASCIBOB0001,AKIAQXSECONDKEY00001", result.Finding!.Resource!.Attributes["accessKeyIds"]);
    }

    [Fact]
    public void Exposed_credentials_without_an_entity_name_the_missing_field()
    {
        var result = SampleEvents.ParseEdited(Exposed, e => e["detail"]!["affectedEntities"] = new JsonArray());

        Assert.False(result.IsSuccess);
        Assert.Equal(ParseErrorCodes.MissingField, result.Error!.Code);
        Assert.Contains("detail.affectedEntities[0].entityValue", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_event_arn_is_named()
    {
        var result = SampleEvents.ParseEdited(Exposed, e => e["detail"]!.AsObject().Remove("eventArn"));

        Assert.False(result.IsSuccess);
        Assert.Contains("detail.eventArn", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_health_events_are_low_and_name_no_key()
    {
        var result = SampleEvents.ParseEdited(Exposed, e =>
        {
            e["detail"]!["eventTypeCode"] = "AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED";
            e["detail"]!["service"] = "EC2";
        });

        Assert.True(result.IsSuccess);
        Assert.Equal(SeverityLabel.Low, result.Finding!.Severity.Label);
        Assert.Null(result.Finding.Resource);
        Assert.Null(result.Finding.Principal);
    }

    [Fact]
    public void Kms_cloudtrail_calls_name_the_key_and_the_requested_window()
    {
        var finding = SampleEvents.Parse("cloudtrail/kms-schedule-key-deletion.json").Finding!;

        Assert.Equal("kms:ScheduleKeyDeletion", finding.Type);
        Assert.Equal(ResourceKind.KmsKey, finding.Resource?.Kind);
        Assert.Equal("9d4b2f61-0c8e-4a37-b5d9-3e1f7a6c2b80", finding.Resource?.Id);
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/9d4b2f61-0c8e-4a37-b5d9-3e1f7a6c2b80", finding.Resource?.Arn);
        Assert.Equal("7", finding.Resource?.Attributes["pendingWindowInDays"]);
        Assert.Equal("arn:aws:iam::123456789012:role/ml-platform-ci", finding.Principal?.Arn);
    }

    [Fact]
    public void Kms_key_given_as_an_arn_keeps_the_arn()
    {
        var result = SampleEvents.ParseEdited("cloudtrail/kms-disable-key-rotation.json", e =>
            e["detail"]!["requestParameters"]!["keyId"] = "arn:aws:kms:eu-west-1:123456789012:key/abc-123");

        Assert.Equal("abc-123", result.Finding!.Resource!.Id);
        Assert.Equal("arn:aws:kms:eu-west-1:123456789012:key/abc-123", result.Finding.Resource.Arn);
    }
}
