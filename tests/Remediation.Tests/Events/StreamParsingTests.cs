namespace Remediation.Tests.Events;

public class StreamParsingTests
{
    [Fact]
    public async Task A_finding_stays_readable_after_the_read_buffer_is_reused()
    {
        using var first = new MemoryStream(SampleEvents.Bytes("cloudtrail/iam-attach-user-policy-admin.json"));
        using var second = new MemoryStream(SampleEvents.Bytes("config/access-keys-rotated-noncompliant.json"));

        var kept = await EventParser.ParseAsync(first, CancellationToken.None);
        var other = EventParser.Parse(second);

        Assert.True(kept.IsSuccess && other.IsSuccess);
        Assert.Equal("intern-sam", RequestParameters.GetString(kept.Finding.ApiCall!.RequestParameters, "userName"));
        Assert.Equal("AttachUserPolicy", kept.Finding.Detail.GetProperty("eventName").GetString());
    }

    [Fact]
    public void A_stream_of_exactly_the_limit_is_parsed_not_refused()
    {
        var bytes = new byte[EventParser.MaxEventBytes];
        Array.Fill(bytes, (byte)' ');
        using var stream = new MemoryStream(bytes);

        var result = EventParser.Parse(stream);

        Assert.Equal(ParseErrorCodes.Empty, result.Error?.Code);
    }

    [Fact]
    public void An_empty_stream_is_empty()
    {
        using var stream = new MemoryStream();

        Assert.Equal(ParseErrorCodes.Empty, EventParser.Parse(stream).Error?.Code);
    }
}
