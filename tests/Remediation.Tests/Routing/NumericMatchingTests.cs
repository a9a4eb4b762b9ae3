namespace Remediation.Tests.Routing;

public sealed class NumericMatchingTests
{
    [Theory]
    [InlineData("""[">",0,"<=",5]""", "5", true)]
    [InlineData("""[">",0,"<=",5]""", "0", false)]
    [InlineData("""[">",0,"<=",5]""", "0.000001", true)]
    [InlineData("""[">",0,"<=",5]""", "5.1", false)]
    [InlineData("""["<",10]""", "-3", true)]
    [InlineData("""["<",10]""", "10", false)]
    [InlineData("""[">=",7]""", "7", true)]
    [InlineData("""[">=",7]""", "6.9", false)]
    [InlineData("""["=",3.018e2]""", "301.8", true)]
    [InlineData("""["=",300]""", "301", false)]
    [InlineData("""["<=",5,">",0]""", "3", true)]
    public void Numeric_ranges_compare_json_numbers(string range, string value, bool expected) =>
        Assert.Equal(expected, Match.Of($$"""{"f":[{"numeric":{{range}}}]}""", $$"""{"f":{{value}}}"""));

    [Theory]
    [InlineData("\"5\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"v\":5}")]
    public void Numeric_never_matches_non_numbers(string value) =>
        Assert.False(Match.Of("""{"f":[{"numeric":[">",0]}]}""", $$"""{"f":{{value}}}"""));

    [Fact]
    public void Numeric_on_an_array_matches_when_one_element_is_in_range() =>
        Assert.True(Match.Of("""{"f":[{"numeric":[">",8]}]}""", """{"f":[1,2,9]}"""));

    [Fact]
    public void Numbers_beyond_double_range_do_not_throw()
    {
        Assert.False(Match.Of("""{"f":[{"numeric":[">",0]}]}""", """{"f":1e400}"""));
        Assert.True(Match.Of("""{"f":[1e400]}""", """{"f":1e400}"""));
        Assert.Throws<FormatException>(() => Remediation.Tool.Routing.EventPattern.Parse("""{"f":[{"numeric":[">",1e400]}]}"""));
    }
}
