using Remediation.Tool.Routing;
using Remediation.Tests.Routing.Differential;

namespace Remediation.Tests.Routing;

/// <summary>
/// Where moto 5.2.1's matcher departs from EventBridge, we follow EventBridge and keep the case out of the
/// differential corpus. Each case here states the AWS verdict, checks ours, and checks that moto really
/// disagrees, so that a moto fix shows up as a failure telling us to move the case into the corpus.
/// </summary>
public sealed class MotoDeviationTests
{
    private const string Rejected = "error";

    private static readonly IReadOnlyList<Deviation> Deviations =
    [
        // Python's True == 1: moto matches booleans against numbers.
        new("bool is not the number 1", """{"f":[1]}""", """{"f":true}""", "false"),
        new("numeric ignores booleans", """{"f":[{"numeric":[">",0]}]}""", """{"f":true}""", "false"),
        new("anything-but 1 keeps true", """{"f":[{"anything-but":1}]}""", """{"f":true}""", "true"),
        // moto only flattens objects; EventBridge crushes arrays (event-ruler README, "JSON Array Matching").
        new("array of objects is crushed", """{"d":{"r":{"type":["AccessKey"]}}}""", """{"d":{"r":[{"type":"AccessKey"}]}}""", "true"),
        new("nested arrays are crushed", """{"f":["x"]}""", """{"f":[["x"]]}""", "true"),
        // Exists only works on leaf nodes (EventBridge docs, "Exists matching"); moto treats any value as present.
        new("array of objects is not a leaf", """{"f":[{"exists":true}]}""", """{"f":[{"a":1}]}""", "false"),
        new("empty object is not a leaf", """{"f":[{"exists":true}]}""", """{"f":{}}""", "false"),
        new("empty array holds no leaf", """{"f":[{"exists":true}]}""", """{"f":[]}""", "false"),
        new("anything-but needs a leaf", """{"f":[{"anything-but":"x"}]}""", """{"f":[{"a":1}]}""", "false"),
        // moto passes the value to ipaddress.ip_address, which turns an integer into an address.
        new("cidr ignores numbers", """{"ip":[{"cidr":"0.0.0.0/8"}]}""", """{"ip":5}""", "false"),
        // event-ruler CIDR.java: the range runs from the address as written; moto's strict ip_network rejects it.
        new("cidr with host bits", """{"ip":[{"cidr":"10.0.0.5/24"}]}""", """{"ip":"10.0.0.200"}""", "true"),
        // moto builds a regex from the wildcard and its '.' does not match a newline.
        new("wildcard spans newlines", """{"f":[{"wildcard":"a*"}]}""", """{"f":"a\nb"}""", "true"),
        // EventBridge rejects unknown operators; moto ignores them and matches.
        new("unknown operator", """{"f":[{"contains":"x"}]}""", """{"f":"y"}""", Rejected),
    ];

    public static TheoryData<string> Names => [.. Deviations.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void We_follow_EventBridge(string name)
    {
        var deviation = Deviations.Single(d => d.Name == name);
        Assert.Equal(deviation.AwsVerdict, Ours(deviation));
    }

    [Fact]
    public void Moto_still_deviates_on_every_listed_case()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pattern-deviations-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllLines(file, Deviations.Select(d =>
                new CorpusCase(JsonNode.Parse(d.Pattern)!.AsObject(), JsonNode.Parse(d.Event)!.AsObject()).ToJsonLine()));
            var moto = MotoOracle.Verdicts(file);
            var agreeing = Deviations.Where((d, i) => Normalize(moto[i]) == d.AwsVerdict).Select(d => d.Name).ToList();
            Assert.True(agreeing.Count == 0, $"moto now follows EventBridge on: {string.Join(", ", agreeing)}; move these into the differential corpus");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Ours(Deviation deviation)
    {
        try
        {
            return EventPattern.Parse(deviation.Pattern).Matches(deviation.Event) ? "true" : "false";
        }
        catch (FormatException)
        {
            return Rejected;
        }
    }

    private static string Normalize(string motoVerdict) => motoVerdict.StartsWith("error", StringComparison.Ordinal) ? Rejected : motoVerdict;

    private sealed record Deviation(string Name, string Pattern, string Event, string AwsVerdict);
}
