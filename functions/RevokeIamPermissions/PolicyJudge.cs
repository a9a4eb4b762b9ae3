using System.Text.Json;

namespace Remediation.RevokeIamPermissions;

/// <summary>Whether a managed policy or a group is admin-equivalent: on the configured list, or by what its document allows.</summary>
internal static class PolicyJudge
{
    /// <summary>Why the managed policy is admin-equivalent, null when it is not, or <see cref="Unread"/> when its document is needed but was not read.</summary>
    public static string? Managed(string policyArn, IReadOnlyList<string> adminPolicyArns, PolicyFacts facts)
    {
        if (adminPolicyArns.Contains(policyArn, StringComparer.Ordinal))
        {
            return $"{policyArn} is admin-equivalent";
        }
        if (!PolicyFacts.IsCustomerManaged(policyArn))
        {
            return null;
        }
        if (!facts.Documents.TryGetValue(policyArn, out var document))
        {
            return Unread;
        }
        return !TryGrant(document, out var grant) ? Unread
            : grant is null ? null
            : $"customer-managed policy {policyArn} grants {grant}";
    }

    /// <summary>Why the group is admin-equivalent (the first of its policies that is), null, or <see cref="Unread"/>.</summary>
    public static string? Group(string group, IReadOnlyList<string> adminPolicyArns, PolicyFacts facts)
    {
        if (!facts.Groups.TryGetValue(group, out var policies))
        {
            return Unread;
        }
        var unread = false;
        foreach (var arn in policies.AttachedArns)
        {
            switch (Managed(arn, adminPolicyArns, facts))
            {
                case Unread:
                    unread = true;
                    break;
                case { } why:
                    return $"group {group} has {why}";
            }
        }
        foreach (var (name, document) in policies.InlineDocuments)
        {
            if (!TryGrant(document, out var grant))
            {
                unread = true;
            }
            else if (grant is not null)
            {
                return $"group {group}'s inline policy {name} grants {grant}";
            }
        }
        return unread ? Unread : null;
    }

    /// <summary>The broad grant of a document, null when it grants nothing broad, <see cref="Unread"/> when missing or not a policy.</summary>
    public static string? Document(string? document) =>
        document is null || !TryGrant(document, out var grant) ? Unread : grant;

    /// <summary>False when the document cannot be read; else its broad grant, or null.</summary>
    private static bool TryGrant(string document, out string? grant)
    {
        try
        {
            grant = PolicyGrants.BroadGrant(document);
            return true;
        }
        catch (JsonException)
        {
            grant = null;
            return false;
        }
    }

    /// <summary>A policy document needed to judge was not read (deleted since the event, or unreadable).</summary>
    public const string Unread = "(unread)";
}
