namespace Remediation.Tests.Routing;

public sealed class AnythingButTests
{
    [Theory]
    [InlineData("""{"anything-but":"initializing"}""", "\"running\"", true)]
    [InlineData("""{"anything-but":"initializing"}""", "\"initializing\"", false)]
    [InlineData("""{"anything-but":"initializing"}""", "5", true)]
    [InlineData("""{"anything-but":"initializing"}""", "null", true)]
    [InlineData("""{"anything-but":["stopped","overloaded"]}""", "\"stopped\"", false)]
    [InlineData("""{"anything-but":["stopped","overloaded"]}""", "\"running\"", true)]
    [InlineData("""{"anything-but":123}""", "123", false)]
    [InlineData("""{"anything-but":123}""", "124", true)]
    [InlineData("""{"anything-but":[100,200]}""", "200", false)]
    [InlineData("""{"anything-but":[100,200]}""", "\"100\"", true)]
    [InlineData("""{"anything-but":{"prefix":"us-"}}""", "\"eu-west-1\"", true)]
    [InlineData("""{"anything-but":{"prefix":"us-"}}""", "\"us-east-1\"", false)]
    [InlineData("""{"anything-but":{"suffix":".png"}}""", "\"a.png\"", false)]
    [InlineData("""{"anything-but":{"suffix":".png"}}""", "\"a.jpg\"", true)]
    [InlineData("""{"anything-but":{"equals-ignore-case":"initializing"}}""", "\"INITIALIZING\"", false)]
    [InlineData("""{"anything-but":{"equals-ignore-case":["a","b"]}}""", "\"B\"", false)]
    [InlineData("""{"anything-but":{"equals-ignore-case":["a","b"]}}""", "\"c\"", true)]
    [InlineData("""{"anything-but":{"wildcard":"*/lib/*"}}""", "\"/usr/lib/x\"", false)]
    [InlineData("""{"anything-but":{"wildcard":"*/lib/*"}}""", "\"/usr/bin/x\"", true)]
    public void Anything_but_matches_present_values_the_inner_filter_rejects(string op, string value, bool expected) =>
        Assert.Equal(expected, Match.Of($$"""{"f":[{{op}}]}""", $$"""{"f":{{value}}}"""));

    [Fact]
    public void Anything_but_never_matches_a_missing_field() =>
        Assert.False(Match.Of("""{"f":[{"anything-but":"x"}]}""", """{"g":"y"}"""));

    [Fact]
    public void Anything_but_on_an_array_matches_when_one_element_is_not_excluded()
    {
        Assert.True(Match.Of("""{"f":[{"anything-but":"x"}]}""", """{"f":["x","y"]}"""));
        Assert.False(Match.Of("""{"f":[{"anything-but":"x"}]}""", """{"f":["x","x"]}"""));
    }
}
