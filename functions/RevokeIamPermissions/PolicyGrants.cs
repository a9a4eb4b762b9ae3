using System.Text.Json;

namespace Remediation.RevokeIamPermissions;

/// <summary>What an IAM policy document (as CloudTrail records it: a JSON string) allows, read defensively.</summary>
internal static class PolicyGrants
{
    /// <summary>The broad grant the document makes ("Action *", "iam:*", "NotAction with Allow"), or null when none.</summary>
    /// <exception cref="JsonException">The text is not a JSON policy document.</exception>
    public static string? BroadGrant(string document)
    {
        using var doc = JsonDocument.Parse(document);
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Statement", out var statements))
        {
            throw new JsonException("the document has no Statement");
        }
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Single(statements))
        {
            if (statement.ValueKind != JsonValueKind.Object || !IsAllow(statement))
            {
                continue;
            }
            // Allow + NotAction grants everything except the listed actions.
            if (statement.TryGetProperty("NotAction", out _))
            {
                return "Allow with NotAction";
            }
            if (statement.TryGetProperty("Action", out var actions))
            {
                foreach (var action in actions.ValueKind == JsonValueKind.Array ? actions.EnumerateArray() : Single(actions))
                {
                    if (action.ValueKind == JsonValueKind.String && Broad(action.GetString()!) is { } grant)
                    {
                        return grant;
                    }
                }
            }
        }
        return null;
    }

    private static bool IsAllow(JsonElement statement) =>
        statement.TryGetProperty("Effect", out var effect) && effect.ValueKind == JsonValueKind.String
        && string.Equals(effect.GetString(), "Allow", StringComparison.OrdinalIgnoreCase);

    // "*", "*:*", and any prefix glob that covers all of IAM ("iam:*", "iam*", "i*"); action names are case-insensitive.
    private static string? Broad(string action)
    {
        var a = action.Trim().ToLowerInvariant();
        if (a is "*" or "*:*")
        {
            return "Allow \"*\"";
        }
        return a.EndsWith('*') && a.IndexOf('*', StringComparison.Ordinal) == a.Length - 1 && "iam:".StartsWith(a[..^1], StringComparison.Ordinal)
            ? $"Allow \"{action}\""
            : null;
    }

    private static IEnumerable<JsonElement> Single(JsonElement element)
    {
        yield return element;
    }
}
