using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Remediation.Core.Aws.Protocol;

/// <summary>
/// Reads Query-protocol XML by local names only: IAM and SNS documents carry (and sometimes omit or vary)
/// their namespace (docs/aws-reference.md §B3).
/// </summary>
internal static class QueryXml
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static XElement Parse(byte[] body)
    {
        using var stream = new MemoryStream(body);
        using var reader = XmlReader.Create(stream, Settings);
        return XDocument.Load(reader).Root ?? throw new XmlException("The response has no root element.");
    }

    /// <summary>The &lt;{Action}Result&gt; element of a &lt;{Action}Response&gt;; an empty element when the operation has no output.</summary>
    public static XElement Result(byte[] body, string action)
    {
        var root = Parse(body);
        return root.Child(action + "Result") ?? new XElement(action + "Result");
    }

    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static string? Text(this XElement element, string localName) => element.Child(localName)?.Value;

    public static string Required(this XElement element, string localName) =>
        element.Text(localName) ?? throw new XmlException($"The response lacks <{localName}> in <{element.Name.LocalName}>.");

    /// <summary>The &lt;member&gt; items of a non-flattened list (docs/aws-reference.md §B0).</summary>
    public static IEnumerable<XElement> Members(this XElement element, string listName) =>
        element.Child(listName)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    public static bool Flag(this XElement element, string localName) =>
        string.Equals(element.Text(localName), "true", StringComparison.OrdinalIgnoreCase);

    public static DateTimeOffset? Timestamp(this XElement element, string localName) =>
        element.Text(localName) is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;
}
