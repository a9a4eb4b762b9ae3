using Remediation.Core.Notifications;
using Remediation.Tests.Events;

namespace Remediation.Tests.Notifications;

/// <summary>What a subject says must be what happened.</summary>
public sealed class TruthfulSubjectTests
{
    [Fact]
    public void A_clean_scan_is_not_labelled_malware_found()
    {
        var clean = SampleEvents.Parse("guardduty/malware-object-scan-no-threats.json").Finding!;
        Assert.Equal("clean scan", FindingDescriptions.Brief(clean));
        Assert.Equal("LOW", clean.Severity.LabelText);
    }

    [Theory]
    [InlineData("UNSUPPORTED")]
    [InlineData("ACCESS_DENIED")]
    [InlineData("FAILED")]
    public void A_scan_that_could_not_run_is_a_medium_blind_spot(string status)
    {
        var finding = SampleEvents.ParseEdited("guardduty/malware-object-scan-no-threats.json",
            e => e["detail"]!["scanResultDetails"]!["scanResultStatus"] = status).Finding!;
        Assert.Equal("MEDIUM", finding.Severity.LabelText);
        Assert.Equal("malware scan could not run: " + status, FindingDescriptions.Brief(finding));
    }
}
