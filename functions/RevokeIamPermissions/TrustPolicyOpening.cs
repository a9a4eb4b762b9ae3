using System.Text.Json;

namespace Remediation.RevokeIamPermissions;

/// <summary>
/// Who a role's trust policy (UpdateAssumeRolePolicy's policyDocument) newly lets assume it from outside the account:
/// everyone ("*"), or another account's root or principal. Pure; the document is the event's, never used in a write.
/// </summary>
internal static class TrustPolicyOpening
{
    /// <summary>"everyone (*)" or "account 210987654321", or null when every allowed AWS principal is of <paramref name="account"/>.</summary>
    public static string? Outsider(string document, string account)
    {
        using var doc = JsonDocument.Parse(document);
        if (!doc.RootElement.TryGetProperty("Statement", out var statements))
        {
            return null;
        }
        foreach (var st in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerate(statements))
        {
            if (st.ValueKind != JsonValueKind.Object || !st.TryGetProperty("Effect", out var effect) || effect.GetString() != "Allow"
                || !st.TryGetProperty("Principal", out var principal))
            {
                continue;
            }
            foreach (var who in AwsPrincipals(principal))
            {
                if (who == "*")
                {
                    return "everyone (*)";
                }
                var other = AccountOf(who);
                if (other is not null && other != account)
                {
                    return "account " + other;
                }
            }
        }
        return null;
    }

    private static IEnumerable<JsonElement> Enumerate(JsonElement one)
    {
        yield return one;
    }

    private static IEnumerable<string> AwsPrincipals(JsonElement principal)
    {
        if (principal.ValueKind == JsonValueKind.String)
        {
            yield return principal.GetString()!;
            yield break;
        }
        if (principal.ValueKind == JsonValueKind.Object && principal.TryGetProperty("AWS", out var aws))
        {
            foreach (var value in aws.ValueKind == JsonValueKind.Array ? aws.EnumerateArray() : Enumerate(aws))
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    yield return value.GetString()!;
                }
            }
        }
    }

    // "123456789012" or "arn:aws:iam::123456789012:root" / ":role/x".
    private static string? AccountOf(string principal) =>
        principal.Length == 12 && principal.All(char.IsAsciiDigit) ? principal
        : principal.StartsWith("arn:", StringComparison.Ordinal) && principal.Split(':') is { Length: >= 6 } parts ? parts[4]
        : null;
}
