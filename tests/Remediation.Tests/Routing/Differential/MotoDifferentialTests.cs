using Remediation.Tool.Routing;
using Xunit.Abstractions;

namespace Remediation.Tests.Routing.Differential;

/// <summary>Our matcher against moto's on a seeded corpus restricted to the operator cases where moto follows AWS.</summary>
public sealed class MotoDifferentialTests(ITestOutputHelper output)
{
    private const int Seed = 20261126;
    private const int CorpusSize = 800;

    [Fact]
    public void Agrees_with_moto_on_every_generated_pair()
    {
        var corpus = CorpusCase.Generate(Seed, CorpusSize);
        var file = Path.Combine(Path.GetTempPath(), $"pattern-corpus-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllLines(file, corpus.Select(c => c.ToJsonLine()));
            var verdicts = MotoOracle.Verdicts(file);
            Assert.Equal(corpus.Count, verdicts.Count);

            var disagreements = new List<string>();
            for (var i = 0; i < corpus.Count; i++)
            {
                var ours = Evaluate(corpus[i]);
                if (ours != verdicts[i])
                {
                    disagreements.Add($"#{i}: moto={verdicts[i]} ours={ours}\n  pattern: {corpus[i].Pattern.ToJsonString()}\n  event:   {corpus[i].Event.ToJsonString()}");
                }
            }
            Assert.True(disagreements.Count == 0,
                $"{disagreements.Count} of {corpus.Count} pairs disagree; first ones:\n{string.Join('\n', disagreements.Take(10))}");

            var matches = verdicts.Count(v => v == "true");
            output.WriteLine($"{corpus.Count} pairs agree: {matches} match, {corpus.Count - matches} do not.");
            Assert.InRange(matches, corpus.Count / 5, corpus.Count - (corpus.Count / 5));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Evaluate(CorpusCase pair)
    {
        try
        {
            var pattern = EventPattern.Parse(pair.Pattern.ToJsonString());
            using var evt = JsonDocument.Parse(pair.Event.ToJsonString());
            return pattern.Matches(evt.RootElement) ? "true" : "false";
        }
        catch (FormatException e)
        {
            return $"error: {e.Message}";
        }
    }
}
