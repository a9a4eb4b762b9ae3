namespace Remediation.Core.Guardrails;

/// <summary>Reads the tags of a principal or resource by ARN, to honour the exemption tag.</summary>
public interface ITagLookup
{
    /// <summary>The tags, or an empty map when the resource kind has no tags we can read. A resource that does not exist has no tags.</summary>
    Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string arn, CancellationToken ct);
}
