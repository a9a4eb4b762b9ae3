namespace Remediation.Core.Events;

/// <summary>
/// Builds <see cref="Findings.ResourceRef.Attributes"/>, dropping absent values. An empty string is absent too: Macie
/// writes <c>versionId: ""</c> for an unversioned object, and AWS APIs mark such members optional.
/// </summary>
internal static class ResourceAttributes
{
    public static IReadOnlyDictionary<string, string> Of(params (string Name, string? Value)[] attributes) =>
        attributes.Where(a => !string.IsNullOrEmpty(a.Value)).ToDictionary(a => a.Name, a => a.Value!, StringComparer.Ordinal);
}
