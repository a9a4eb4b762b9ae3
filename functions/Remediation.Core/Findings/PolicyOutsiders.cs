using System.Text.Json;

namespace Remediation.Core.Findings;

/// <summary>
/// Whom a resource policy lets in from outside the account: a role's trust policy (UpdateAssumeRolePolicy) or a KMS
/// key policy (PutKeyPolicy), both with the same Principal grammar. Everyone ("*"), or another account's root or
/// principal. Pure; the document is the event's, never used in a write.
/// </summary>
public static class PolicyOutsiders
{
    /// <summary>"everyone (*)" or "account 210987654321", or null when every allowed AWS principal is of <paramref name="account"/>.</summary>
    public static string? Outsider(string document, string account)
    {
        using var doc = JsonDocument.Parse(document);
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Statement", out var statements))
        {
            return null;
        }
        foreach (var st in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerate(statements))
        {
            if (st.ValueKind != JsonValueKind.Object || !st.TryGetProperty("Effect", out var effect)
                || effect.ValueKind != JsonValueKind.String || effect.GetString() != "Allow"
                || !st.TryGetProperty("Principal", out var principal))
            {
                continue;
            }
            foreach (var who in AwsPrincipals(principal))
            {
                if (who == "*" && !LimitedToAccount(st, account))
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

    // "*" narrowed by a condition to this account's callers, as KMS's own default key policies do ("kms:CallerAccount"),
    // or to the organization (aws:PrincipalOrgID), lets no outsider in (IAM User Guide, global condition keys).
    private static bool LimitedToAccount(JsonElement statement, string account)
    {
        if (!statement.TryGetProperty("Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        // Only positive equality narrows ("StringEquals"); "StringNotEquals" would widen.
        foreach (var test in condition.EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.Object
            && t.Name.Contains("Equals", StringComparison.OrdinalIgnoreCase) && !t.Name.Contains("Not", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var key in test.Value.EnumerateObject())
            {
                var name = key.Name.ToLowerInvariant();
                if (name == "aws:principalorgid")
                {
                    return true;
                }
                if (name is "kms:calleraccount" or "aws:principalaccount" or "aws:sourceaccount"
                    && (key.Value.ValueKind == JsonValueKind.Array ? key.Value.EnumerateArray() : Enumerate(key.Value))
                        .All(v => v.ValueKind == JsonValueKind.String && v.GetString() == account))
                {
                    return true;
                }
            }
        }
        return false;
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
