namespace Remediation.Tests.Routing;

public sealed class OrMatchingTests
{
    private const string Pattern = """
        {"source":["aws.cloudwatch"],
         "$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"namespace":["AWS/EC2","AWS/ES"]}]}
        """;

    [Theory]
    [InlineData("""{"source":"aws.cloudwatch","metricName":"ReadLatency"}""", true)]
    [InlineData("""{"source":"aws.cloudwatch","namespace":"AWS/ES"}""", true)]
    [InlineData("""{"source":"aws.cloudwatch","metricName":"Other","namespace":"Other"}""", false)]
    [InlineData("""{"source":"aws.ec2","metricName":"ReadLatency"}""", false)]
    public void Or_needs_one_alternative_and_the_other_fields(string evt, bool expected) =>
        Assert.Equal(expected, Match.Of(Pattern, evt));

    [Fact]
    public void Or_inside_a_nested_object_applies_to_that_object()
    {
        const string pattern = """{"detail":{"$or":[{"state":["stopped"]},{"count":[{"numeric":[">",5]}]}]}}""";
        Assert.True(Match.Of(pattern, """{"detail":{"count":9}}"""));
        Assert.False(Match.Of(pattern, """{"count":9,"detail":{"state":"running"}}"""));
    }

    [Fact]
    public void Or_alternatives_may_nest_further_ors()
    {
        const string pattern = """{"$or":[{"a":["1"]},{"b":["2"],"$or":[{"c":["3"]},{"d":["4"]}]}]}""";
        Assert.True(Match.Of(pattern, """{"b":"2","d":"4"}"""));
        Assert.False(Match.Of(pattern, """{"b":"2"}"""));
    }
}
