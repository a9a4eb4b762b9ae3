using Remediation.Core.Guardrails;

namespace Remediation.Tests.Support;

internal sealed class FakeTags(Dictionary<string, Dictionary<string, string>>? tags = null) : ITagLookup
{
    public List<string> Lookups { get; } = [];

    public Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string arn, CancellationToken ct)
    {
        Lookups.Add(arn);
        IReadOnlyDictionary<string, string> found = tags is not null && tags.TryGetValue(arn, out var t) ? t : new Dictionary<string, string>();
        return Task.FromResult(found);
    }
}
