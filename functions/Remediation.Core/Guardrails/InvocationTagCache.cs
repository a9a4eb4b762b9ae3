using System.Collections.Concurrent;

namespace Remediation.Core.Guardrails;

/// <summary>
/// Tags read once per resource for one attempt: the finding's principal and the targets of its actions are often the
/// same user or role, and each exemption check would otherwise read its tags again. Made per attempt, so a tag
/// changed between deliveries is seen by the next one.
/// </summary>
public sealed class InvocationTagCache(ITagLookup inner) : ITagLookup
{
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, string>>> read = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string arn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(arn);
        // A failed read fails the attempt, and the cache goes with it: the next delivery asks AWS again.
        return read.GetOrAdd(arn, a => inner.GetTagsAsync(a, ct));
    }
}
