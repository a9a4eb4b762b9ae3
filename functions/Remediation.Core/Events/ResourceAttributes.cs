namespace Remediation.Core.Events;

/// <summary>Builds <see cref="Findings.ResourceRef.Attributes"/>, dropping absent values.</summary>
internal static class ResourceAttributes
{
    public static IReadOnlyDictionary<string, string> Of(params (string Name, string? Value)[] attributes) =>
        attributes.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value!, StringComparer.Ordinal);
}
