namespace Remediation.Tests.Routing;

public sealed class ExistsMatchingTests
{
    [Theory]
    [InlineData("""{"errorCode":"AccessDenied"}""", true)]
    [InlineData("""{"errorCode":null}""", true)]
    [InlineData("""{"errorCode":""}""", true)]
    [InlineData("""{"errorCode":["a"]}""", true)]
    [InlineData("""{}""", false)]
    // Exists only looks at leaves: an object, an empty array or an array of objects is not a leaf value.
    [InlineData("""{"errorCode":{"code":"x"}}""", false)]
    [InlineData("""{"errorCode":{}}""", false)]
    [InlineData("""{"errorCode":[]}""", false)]
    [InlineData("""{"errorCode":[{"code":"x"}]}""", false)]
    public void Exists_true_needs_a_leaf_value_at_the_path(string detail, bool expected)
    {
        Assert.Equal(expected, Match.Of("""{"detail":{"errorCode":[{"exists":true}]}}""", $$"""{"detail":{{detail}}}"""));
        Assert.Equal(!expected, Match.Of("""{"detail":{"errorCode":[{"exists":false}]}}""", $$"""{"detail":{{detail}}}"""));
    }

    [Fact]
    public void Exists_false_matches_when_the_parent_object_is_missing_or_not_an_object()
    {
        Assert.True(Match.Of("""{"detail":{"errorCode":[{"exists":false}]}}""", """{"source":"aws.iam"}"""));
        Assert.True(Match.Of("""{"detail":{"errorCode":[{"exists":false}]}}""", """{"detail":"text"}"""));
    }

    [Fact]
    public void Exists_combines_with_values_as_alternatives()
    {
        const string pattern = """{"f":[{"exists":false},"x"]}""";
        Assert.True(Match.Of(pattern, "{}"));
        Assert.True(Match.Of(pattern, """{"f":"x"}"""));
        Assert.False(Match.Of(pattern, """{"f":"y"}"""));
    }
}
