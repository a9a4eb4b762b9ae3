using System.Text.Json;
using Remediation.Core.Events;

namespace Remediation.RevokeIamPermissions;

/// <summary>The escalations that go through a group or a managed policy's versions (pure; reads come in as <see cref="PolicyFacts"/>).</summary>
internal static class PolicyEscalations
{
    /// <summary>AddUserToGroup into a group whose policies are admin-equivalent. Undo: remove the user from that group.</summary>
    public static EscalationCall AddUserToGroup(EscalationCall empty, JsonElement request, IReadOnlyList<string> adminPolicyArns, PolicyFacts policies)
    {
        var group = RequestParameters.GetString(request, "groupName");
        var user = RequestParameters.GetString(request, "userName");
        if (group is null || user is null)
        {
            return empty with { Class = CallClass.Unreadable, Why = "the AddUserToGroup event names no group or user" };
        }
        var call = empty with { TargetName = user, GroupName = group };
        return PolicyJudge.Group(group, adminPolicyArns, policies) switch
        {
            PolicyJudge.Unread => call with { Class = CallClass.Unreadable, Why = $"the policies of group {group} could not all be read (deleted since the event?)" },
            { } why => call with { Class = CallClass.Escalation, Why = $"{why}, and user {user} now has it" },
            null => call with { Why = $"group {group} grants nothing admin-equivalent" },
        };
    }

    /// <summary>
    /// CreatePolicyVersion that made an admin-equivalent document the default. Undo: make the previous default the
    /// default again (the planner does it only where that version is certain).
    /// </summary>
    public static EscalationCall CreatePolicyVersion(EscalationCall empty, JsonElement request, JsonElement response)
    {
        var arn = RequestParameters.GetString(request, "policyArn");
        var document = RequestParameters.GetJsonDocumentText(request, "policyDocument");
        var created = RequestParameters.GetObject(response, "policyVersion") is { } version ? RequestParameters.GetString(version, "versionId") : null;
        if (arn is null)
        {
            return empty with { Class = CallClass.Unreadable, Why = "the CreatePolicyVersion event names no policy" };
        }
        var call = empty with { TargetName = ShortName(arn), PolicyArn = arn, Document = document, VersionId = created };
        if (RequestParameters.GetBool(request, "setAsDefault") != true)
        {
            // A version that is not the default grants nothing; making it the default later is a SetDefaultPolicyVersion event.
            return call with { Why = $"the new version of {arn} is not its default version" };
        }
        return PolicyJudge.Document(document) switch
        {
            PolicyJudge.Unread => call with { Class = CallClass.Unreadable, Why = $"the new default version of {arn} could not be read from the event" },
            { } grant => call with { Class = CallClass.Escalation, Why = $"the new default version {created ?? "(id not in the event)"} of {arn} grants {grant}" },
            null => call with { Why = $"the new default version of {arn} grants nothing broad" },
        };
    }

    /// <summary>SetDefaultPolicyVersion to an admin-equivalent version. No exact undo: CloudTrail does not record the replaced default.</summary>
    public static EscalationCall SetDefaultPolicyVersion(EscalationCall empty, JsonElement request, PolicyFacts policies)
    {
        var arn = RequestParameters.GetString(request, "policyArn");
        var version = RequestParameters.GetString(request, "versionId");
        if (arn is null || version is null)
        {
            return empty with { Class = CallClass.Unreadable, Why = "the SetDefaultPolicyVersion event names no policy or version" };
        }
        var call = empty with { TargetName = ShortName(arn), PolicyArn = arn, VersionId = version };
        return PolicyJudge.Document(policies.Documents.GetValueOrDefault(arn)) switch
        {
            PolicyJudge.Unread => call with { Class = CallClass.Unreadable, Why = $"version {version} of {arn} could not be read (deleted since the event?)" },
            { } grant => call with { Class = CallClass.Escalation, Why = $"version {version}, now the default of {arn}, grants {grant}" },
            null => call with { Why = $"version {version} of {arn} grants nothing broad" },
        };
    }

    // "policy ml-pipeline-permissions": the subject line is short (SNS: 100 characters); the ARN is in the body.
    private static string ShortName(string policyArn) => "policy " + policyArn[(policyArn.LastIndexOf('/') + 1)..];
}
