namespace Remediation.Tests.Routing;

public sealed class StringOperatorTests
{
    [Theory]
    [InlineData("""[{"prefix":"us-"}]""", "\"us-east-1\"", true)]
    [InlineData("""[{"prefix":"us-"}]""", "\"eu-west-1\"", false)]
    [InlineData("""[{"prefix":"us-"}]""", "\"US-EAST-1\"", false)]
    [InlineData("""[{"prefix":"1"}]""", "12", false)]
    [InlineData("""[{"prefix":{"equals-ignore-case":"EventB"}}]""", "\"eventbridge\"", true)]
    [InlineData("""[{"prefix":{"equals-ignore-case":"EventB"}}]""", "\"bridge\"", false)]
    [InlineData("""[{"suffix":".png"}]""", "\"cat.png\"", true)]
    [InlineData("""[{"suffix":".png"}]""", "\"cat.PNG\"", false)]
    [InlineData("""[{"suffix":{"equals-ignore-case":".png"}}]""", "\"cat.PNG\"", true)]
    [InlineData("""[{"suffix":{"equals-ignore-case":".png"}}]""", "\"cat.jpg\"", false)]
    [InlineData("""[{"equals-ignore-case":"AccessKey"}]""", "\"ACCESSKEY\"", true)]
    [InlineData("""[{"equals-ignore-case":"AccessKey"}]""", "\"AccessKeys\"", false)]
    [InlineData("""[{"equals-ignore-case":"true"}]""", "true", false)]
    public void Prefix_suffix_and_equals_ignore_case_apply_to_strings(string leaf, string value, bool expected) =>
        Assert.Equal(expected, Match.Of($$"""{"f":{{leaf}}}""", $$"""{"f":{{value}}}"""));

    [Theory]
    [InlineData("arn:aws:iam::*:user/*", "arn:aws:iam::123456789012:user/alice", true)]
    [InlineData("arn:aws:iam::*:user/*", "arn:aws:iam::123456789012:role/alice", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    [InlineData("""a\*b""", "a*b", true)]
    [InlineData("""a\*b""", "aXb", false)]
    [InlineData("""a\\b*""", """a\bcd""", true)]
    [InlineData("*/lib/*", "/usr/lib/x.so", true)]
    public void Wildcard_star_matches_any_run_and_backslash_escapes(string wildcard, string value, bool expected)
    {
        var pattern = $$"""{"f":[{"wildcard":{{Json(wildcard)}}}]}""";
        Assert.Equal(expected, Match.Of(pattern, $$"""{"f":{{Json(value)}}}"""));
    }

    [Fact]
    public void Wildcard_does_not_match_numbers() =>
        Assert.False(Match.Of("""{"f":[{"wildcard":"1*"}]}""", """{"f":12}"""));

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
