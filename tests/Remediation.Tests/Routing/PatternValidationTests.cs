using Remediation.Tool.Routing;

namespace Remediation.Tests.Routing;

public sealed class PatternValidationTests
{
    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"source":"aws.iam"}""", "'source': must be an object or an array")]
    [InlineData("""{"source":[]}""", "'source': empty arrays are not allowed")]
    [InlineData("""{"detail":{}}""", "'detail': an empty object")]
    [InlineData("""{"a":[["x"]]}""", "'a[0]': nested arrays")]
    [InlineData("""{"a":[{"contains":"x"}]}""", "unknown operator 'contains'")]
    [InlineData("""{"a":[{"prefix":"x","suffix":"y"}]}""", "exactly one key")]
    [InlineData("""{"a":[{"prefix":5}]}""", "'a[0].prefix': expects a string")]
    [InlineData("""{"a":[{"prefix":{"wildcard":"x"}}]}""", "only equals-ignore-case")]
    [InlineData("""{"a":[{"exists":"yes"}]}""", "exists takes true or false")]
    [InlineData("""{"a":[{"numeric":[">"]}]}""", "numeric takes")]
    [InlineData("""{"a":[{"numeric":[">",1,">",2]}]}""", "repeated")]
    [InlineData("""{"a":[{"numeric":["=",1,"<",2]}]}""", "'='")]
    [InlineData("""{"a":[{"numeric":[">",5,"<",1]}]}""", "lower bound is above")]
    [InlineData("""{"a":[{"numeric":["~",1]}]}""", "unknown")]
    [InlineData("""{"a":[{"numeric":[">","1"]}]}""", "followed by a finite number")]
    [InlineData("""{"a":[{"anything-but":[]}]}""", "non-empty list")]
    [InlineData("""{"a":[{"anything-but":["x",1]}]}""", "only strings or only numbers")]
    [InlineData("""{"a":[{"anything-but":true}]}""", "anything-but takes")]
    [InlineData("""{"a":[{"anything-but":{"numeric":[">",1]}}]}""", "does not support 'numeric'")]
    [InlineData("""{"a":[{"wildcard":"a**b"}]}""", "consecutive '*'")]
    [InlineData("""{"a":[{"wildcard":"a\\b"}]}""", "may only escape")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0"}]}""", "not a CIDR block")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/32"}]}""", "mask below 32")]
    [InlineData("""{"a":[{"cidr":"10.0.0/8"}]}""", "not a CIDR block")]
    [InlineData("""{"$or":[{"a":["x"]}]}""", "at least two objects")]
    [InlineData("""{"$or":[{"a":["x"]},"b"]}""", "'$or[1]'")]
    [InlineData("""{"a":["x"],"a":["y"]}""", "appears twice")]
    public void Invalid_patterns_are_rejected_with_a_message_naming_the_problem(string pattern, string expectedFragment)
    {
        var error = Assert.Throws<FormatException>(() => EventPattern.Parse(pattern));
        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => EventPattern.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => EventPattern.Parse("{}").Matches((string)null!));
    }

    [Fact]
    public void A_malformed_event_is_a_format_error() =>
        Assert.Throws<FormatException>(() => EventPattern.Parse("{}").Matches("{oops"));
}
