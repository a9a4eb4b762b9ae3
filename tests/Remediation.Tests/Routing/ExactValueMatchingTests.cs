namespace Remediation.Tests.Routing;

public sealed class ExactValueMatchingTests
{
    [Theory]
    [InlineData("""{"source":["aws.iam"]}""", """{"source":"aws.iam"}""", true)]
    [InlineData("""{"source":["aws.iam"]}""", """{"source":"AWS.IAM"}""", false)]
    [InlineData("""{"source":["aws.s3","aws.iam"]}""", """{"source":"aws.iam"}""", true)]
    [InlineData("""{"source":["aws.iam"]}""", """{"other":"aws.iam"}""", false)]
    [InlineData("""{"n":[5]}""", """{"n":5}""", true)]
    [InlineData("""{"n":[5]}""", """{"n":5.0}""", true)]
    [InlineData("""{"n":[5]}""", """{"n":"5"}""", false)]
    [InlineData("""{"s":["5"]}""", """{"s":5}""", false)]
    [InlineData("""{"b":[true]}""", """{"b":true}""", true)]
    [InlineData("""{"b":[true]}""", """{"b":"true"}""", false)]
    [InlineData("""{"v":[null]}""", """{"v":null}""", true)]
    [InlineData("""{"v":[null]}""", """{}""", false)]
    [InlineData("""{"v":[""]}""", """{"v":""}""", true)]
    [InlineData("""{"v":[""]}""", """{"v":null}""", false)]
    public void Exact_values_match_by_type_and_value(string pattern, string evt, bool expected) =>
        Assert.Equal(expected, Match.Of(pattern, evt));

    [Fact]
    public void Every_field_of_the_pattern_must_match() =>
        Assert.False(Match.Of("""{"source":["aws.iam"],"region":["us-east-1"]}""", """{"source":"aws.iam","region":"eu-west-1"}"""));

    [Fact]
    public void Fields_absent_from_the_pattern_are_ignored() =>
        Assert.True(Match.Of("""{"source":["aws.iam"]}""", """{"source":"aws.iam","region":"eu-west-1","detail":{"x":1}}"""));

    [Fact]
    public void An_empty_pattern_matches_every_event() =>
        Assert.True(Match.Of("{}", """{"source":"anything"}"""));
}
