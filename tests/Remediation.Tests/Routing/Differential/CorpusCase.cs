namespace Remediation.Tests.Routing.Differential;

/// <summary>One pattern/event pair of the differential corpus.</summary>
internal sealed record CorpusCase(JsonObject Pattern, JsonObject Event)
{
    public string ToJsonLine() => new JsonObject { ["pattern"] = Pattern.DeepClone(), ["event"] = Event.DeepClone() }.ToJsonString();

    /// <summary>A deterministic corpus: the same seed always yields the same cases.</summary>
    public static IReadOnlyList<CorpusCase> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var events = new EventGenerator(random);
        var patterns = new PatternGenerator(random);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var evt = events.Next();
            return new CorpusCase(patterns.Next(evt), evt);
        })];
    }
}
