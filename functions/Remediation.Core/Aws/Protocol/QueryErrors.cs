using System.Xml;
using System.Xml.Linq;

namespace Remediation.Core.Aws.Protocol;

/// <summary>Reads Query-protocol errors: ErrorResponse/Error/{Code,Message} with RequestId as a sibling of Error (docs/aws-reference.md §B0).</summary>
internal static class QueryErrors
{
    public static AwsServiceException Parse(string service, AwsWireResponse response)
    {
        string? code = null, message = null, requestId = null;
        try
        {
            var root = QueryXml.Parse(response.Body);
            var error = root.Name.LocalName == "Error" ? root : root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            code = error?.Text("Code");
            message = error?.Text("Message");
            requestId = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
        }
        catch (XmlException)
        {
            // Not XML (a proxy's or load balancer's page): fall back to the HTTP status below.
        }

        return new AwsServiceException(
            service,
            string.IsNullOrEmpty(code) ? FallbackCode(response.StatusCode) : code,
            message ?? "",
            response.StatusCode,
            requestId ?? response.Header("x-amzn-RequestId"));
    }

    internal static string FallbackCode(int statusCode) => "Http" + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
