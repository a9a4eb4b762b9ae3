namespace Remediation.Tests.Routing;

public sealed class ArrayAndNestingTests
{
    [Fact]
    public void An_event_array_matches_when_it_intersects_the_pattern_values()
    {
        const string pattern = """{"resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f","arn:x"]}""";
        Assert.True(Match.Of(pattern, """{"resources":["arn:aws:autoscaling:us-east-1:1:asg","arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}"""));
        Assert.False(Match.Of(pattern, """{"resources":["arn:aws:autoscaling:us-east-1:1:asg"]}"""));
    }

    [Fact]
    public void Nested_objects_follow_the_event_structure()
    {
        const string pattern = """{"detail":{"resource":{"resourceType":["AccessKey"]}}}""";
        Assert.True(Match.Of(pattern, """{"detail":{"resource":{"resourceType":"AccessKey"}}}"""));
        Assert.False(Match.Of(pattern, """{"detail":{"resourceType":"AccessKey"}}"""));
        Assert.False(Match.Of(pattern, """{"detail":{"resource":"AccessKey"}}"""));
    }

    [Fact]
    public void Arrays_of_objects_are_crushed_into_their_parent_field() =>
        Assert.True(Match.Of("""{"employees":{"firstName":["Anna"]}}""",
            """{"employees":[{"firstName":"John"},{"firstName":"Anna"}]}"""));

    [Fact]
    public void Fields_from_different_elements_of_one_array_do_not_combine()
    {
        const string evt = """{"employees":[{"firstName":"John","lastName":"Doe"},{"firstName":"Anna","lastName":"Smith"}]}""";
        Assert.True(Match.Of("""{"employees":{"firstName":["Anna"],"lastName":["Smith"]}}""", evt));
        Assert.False(Match.Of("""{"employees":{"firstName":["Anna"],"lastName":["Doe"]}}""", evt));
    }

    [Fact]
    public void Nested_arrays_are_flattened() =>
        Assert.True(Match.Of("""{"f":["x"]}""", """{"f":[["a"],["b",["x"]]]}"""));

    [Fact]
    public void A_leaf_does_not_match_an_object_value() =>
        Assert.False(Match.Of("""{"detail":["x"]}""", """{"detail":{"x":"x"}}"""));
}
