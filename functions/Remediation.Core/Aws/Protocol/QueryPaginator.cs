using System.Xml.Linq;

namespace Remediation.Core.Aws.Protocol;

/// <summary>IAM-style pagination: send Marker, continue while IsTruncated is true (docs/aws-reference.md §B1).</summary>
internal static class QueryPaginator
{
    public static async Task<IReadOnlyList<T>> AllPagesAsync<T>(
        Func<string?, CancellationToken, Task<XElement>> page,
        Func<XElement, IEnumerable<T>> items,
        CancellationToken ct)
    {
        var all = new List<T>();
        string? marker = null;
        do
        {
            var result = await page(marker, ct);
            all.AddRange(items(result));
            marker = result.Flag("IsTruncated") ? result.Text("Marker") : null;
        }
        while (!string.IsNullOrEmpty(marker));

        return all;
    }
}
