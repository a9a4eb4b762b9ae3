using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Remediation.Actions.Iam;

/// <summary>The policy documents the product writes, built with a JSON writer (never by concatenating event text).</summary>
public static class IamPolicyDocuments
{
    /// <summary>The inline policy name the IAM console uses for "Revoke active sessions" (docs/aws-reference.md §B2).</summary>
    public const string RevokeOlderSessionsName = "AWSRevokeOlderSessions";

    /// <summary>Denies every action on every resource.</summary>
    public static string DenyAll() => Write(w =>
    {
        w.WriteString("Sid", "RemediationDenyAll");
        w.WriteString("Effect", "Deny");
        w.WriteString("Action", "*");
        w.WriteString("Resource", "*");
    });

    /// <summary>Denies everything to credentials issued before <paramref name="cutoff"/>; later sessions are unaffected (docs/aws-reference.md §B2).</summary>
    public static string RevokeOlderSessions(DateTimeOffset cutoff) => Write(w =>
    {
        w.WriteString("Effect", "Deny");
        w.WriteStartArray("Action");
        w.WriteStringValue("*");
        w.WriteEndArray();
        w.WriteStartArray("Resource");
        w.WriteStringValue("*");
        w.WriteEndArray();
        w.WriteStartObject("Condition");
        w.WriteStartObject("DateLessThan");
        w.WriteString("aws:TokenIssueTime", Iso(cutoff));
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>UTC ISO-8601 to the second, the form IAM condition dates use.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>True when both texts are the same JSON document (whitespace and formatting aside); falls back to text equality.</summary>
    public static bool Same(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (JsonException)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }
    }

    private static string Write(Action<Utf8JsonWriter> statement)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("Version", "2012-10-17");
            w.WriteStartArray("Statement");
            w.WriteStartObject();
            statement(w);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
