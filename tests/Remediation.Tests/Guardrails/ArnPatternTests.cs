using Remediation.Core.Guardrails;

namespace Remediation.Tests.Guardrails;

public class ArnPatternTests
{
    [Theory]
    [InlineData("arn:aws:iam::*:role/remediation-*", "arn:aws:iam::123456789012:role/remediation-Notify", true)]
    [InlineData("arn:aws:iam::*:role/remediation-*", "arn:aws:iam::123456789012:role/ml-training", false)]
    [InlineData("arn:aws:iam::123456789012:user/break-glass", "arn:aws:iam::123456789012:user/BREAK-GLASS", true)]
    [InlineData("*:user/admin?", "arn:aws:iam::1:user/admin1", true)]
    [InlineData("*:user/admin?", "arn:aws:iam::1:user/admin12", false)]
    [InlineData("arn:aws:iam::1:user/a", "arn:aws:iam::1:user/ab", false)]
    [InlineData("*", "", true)]
    public void Matches_globs(string pattern, string value, bool expected) =>
        Assert.Equal(expected, ArnPattern.Matches(pattern, value));

    [Fact]
    public void FirstMatch_names_the_pattern_that_matched()
    {
        var hit = ArnPattern.FirstMatch(["arn:aws:iam::*:user/x", "arn:aws:iam::*:role/sec-*"], "arn:aws:iam::1:role/sec-admin");
        Assert.Equal("arn:aws:iam::*:role/sec-*", hit);
    }
}
