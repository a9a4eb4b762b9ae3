namespace Remediation.Tests.Routing;

public sealed class CidrMatchingTests
{
    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.33", true)]
    [InlineData("10.0.0.0/24", "10.0.1.33", false)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/24", "010.0.0.33", false)]
    [InlineData("10.0.0.0/24", "10.0.0", false)]
    [InlineData("10.0.0.0/24", "not-an-ip", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::ff", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.0.0.1", false)]
    // EventBridge's range starts at the address as written, not at the network address.
    [InlineData("10.0.0.5/24", "10.0.0.200", true)]
    [InlineData("10.0.0.5/24", "10.0.0.4", false)]
    public void Cidr_matches_addresses_inside_the_block(string cidr, string ip, bool expected) =>
        Assert.Equal(expected, Match.Of($$"""{"ip":[{"cidr":"{{cidr}}"}]}""", $$"""{"ip":"{{ip}}"}"""));

    [Fact]
    public void Cidr_does_not_treat_numbers_as_addresses() =>
        Assert.False(Match.Of("""{"ip":[{"cidr":"0.0.0.0/8"}]}""", """{"ip":5}"""));
}
