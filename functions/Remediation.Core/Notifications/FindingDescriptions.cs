using System.Text;

namespace Remediation.Core.Notifications;

/// <summary>Short human names for finding types, for the subject's parenthesis.</summary>
public static class FindingDescriptions
{
    private static readonly (string Fragment, string Text)[] Known =
    [
        ("InstanceCredentialExfiltration", "credential exfiltration"),
        ("MaliciousIPCaller", "call from a malicious IP"),
        ("TorIPCaller", "call from Tor"),
        ("MaliciousFile", "malware found"),
        ("NO_THREATS_FOUND", "clean scan"), // before THREATS_FOUND, which it contains
        ("THREATS_FOUND", "malware found"),
        ("RootCredentialUsage", "root credential use"),
        ("PasswordPolicyChange", "password policy change"),
    ];

    /// <summary>"credential exfiltration", "anomalous credential access", "AttachUserPolicy call"...</summary>
    public static string Brief(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        foreach (var (fragment, text) in Known)
        {
            if (finding.Type.Contains(fragment, StringComparison.Ordinal))
            {
                return text;
            }
        }
        return finding.Source switch
        {
            FindingSource.CloudTrail when finding.ApiCall is { } call => call.EventName + " call",
            FindingSource.Config when finding.Compliance is { } c => $"Config rule {c.RuleName} {c.ComplianceType}",
            FindingSource.MalwareScan when finding.Scan is { } s => "malware scan could not run: " + s.ResultStatus,
            _ => FromType(finding.Type),
        };
    }

    /// <summary>"CredentialAccess:IAMUser/AnomalousBehavior" becomes "credential access: anomalous behavior".</summary>
    private static string FromType(string type)
    {
        var slash = type.IndexOf('/', StringComparison.Ordinal);
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        var name = slash >= 0 ? type[(slash + 1)..] : type;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            name = name[..dot];
        }
        var words = SplitWords(name);
        return colon > 0 ? $"{SplitWords(type[..colon])}: {words}" : words;
    }

    private static string SplitWords(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var boundary = i > 0 && char.IsUpper(c) && (char.IsLower(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1])));
            if (boundary)
            {
                sb.Append(' ');
            }
            sb.Append(c);
        }
        var text = sb.ToString();
        // Keep acronyms (IP, IAM) as they are; lower-case ordinary words.
        return string.Join(' ', text.Split(' ').Select(w => w.Length > 1 && w.All(char.IsUpper) ? w : w.ToLowerInvariant()));
    }
}
