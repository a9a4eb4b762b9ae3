using System.Text.Json;
using Remediation.Actions.Iam;
using Remediation.Core.Events;

namespace Remediation.RevokeIamPermissions;

/// <summary>What a CloudTrail IAM call is, for this function.</summary>
internal enum CallClass
{
    /// <summary>It grants a principal broad or another user's access: undo it and contain the actor.</summary>
    Escalation,
    /// <summary>A call of the routed kinds that grants nothing dangerous.</summary>
    Benign,
    /// <summary>The event lacks what we need to decide (unreadable policy document, missing names): report it.</summary>
    Unreadable,
    /// <summary>Against a benchmark but with no safe automatic undo (the root user's own access key): report it.</summary>
    Reportable,
}

/// <summary>A classified CloudTrail IAM call: what it did to whom, and why it is (not) an escalation.</summary>
/// <param name="Class">Escalation, benign or unreadable.</param>
/// <param name="Why">One human sentence.</param>
/// <param name="EventName">AttachUserPolicy, PutRolePolicy, ...</param>
/// <param name="Entity">The kind of principal the call changed, when a policy call.</param>
/// <param name="TargetName">The user, role or group name the call changed.</param>
/// <param name="PolicyArn">The managed policy attached.</param>
/// <param name="PolicyName">The inline policy put.</param>
/// <param name="Document">The inline document put, as the event recorded it.</param>
/// <param name="NewAccessKeyId">The key CreateAccessKey made.</param>
internal sealed record EscalationCall(
    CallClass Class,
    string Why,
    string EventName,
    IamEntityKind? Entity,
    string? TargetName,
    string? PolicyArn,
    string? PolicyName,
    string? Document,
    string? NewAccessKeyId)
{
    /// <summary>The group AddUserToGroup added <see cref="TargetName"/> to.</summary>
    public string? GroupName { get; init; }

    /// <summary>The policy version CreatePolicyVersion made, or SetDefaultPolicyVersion made the default.</summary>
    public string? VersionId { get; init; }

    /// <summary>The AWS-managed quarantine policies AWS itself applies to leaked keys (docs/aws-reference.md §A3).</summary>
    public const string AwsQuarantinePrefix = "AWSCompromisedKeyQuarantine";

    /// <summary>The event names the CloudTrail rules route here.</summary>
    public static readonly IReadOnlySet<string> RoutedNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy",
        "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy",
        "CreateLoginProfile", "UpdateLoginProfile", "CreateAccessKey",
        "UpdateAssumeRolePolicy", "DeleteUserPermissionsBoundary", "DeleteRolePermissionsBoundary",
        "AddUserToGroup", "CreatePolicyVersion", "SetDefaultPolicyVersion",
    };

    /// <summary>
    /// True when judging the call needs documents the event does not carry (a group's policies, a customer-managed
    /// policy's document, the version set as default): such a call is never disregarded before they are read.
    /// </summary>
    public static bool NeedsReads(ApiCall call, IReadOnlyList<string> adminPolicyArns)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.EventName switch
        {
            "AddUserToGroup" or "SetDefaultPolicyVersion" => true,
            "AttachUserPolicy" or "AttachRolePolicy" or "AttachGroupPolicy" =>
                RequestParameters.GetString(call.RequestParameters, "policyArn") is { } arn
                && PolicyFacts.IsCustomerManaged(arn) && !adminPolicyArns.Contains(arn, StringComparer.Ordinal),
            _ => false,
        };
    }

    /// <summary>True when the policy the call attaches or puts is AWS's own compromised-key quarantine.</summary>
    public bool IsAwsQuarantine =>
        (PolicyArn is { } arn && arn.Contains(":policy/" + AwsQuarantinePrefix, StringComparison.Ordinal))
        || (PolicyName is { } name && name.StartsWith(AwsQuarantinePrefix, StringComparison.Ordinal));

    /// <summary>Classifies one CloudTrail IAM call (pure).</summary>
    public static EscalationCall Classify(ApiCall call, Principal actor, IReadOnlyList<string> adminPolicyArns, PolicyFacts policies)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(adminPolicyArns);
        ArgumentNullException.ThrowIfNull(policies);
        var p = call.RequestParameters;
        var name = call.EventName;
        var entity = EntityOf(name);
        var target = entity is { } e ? RequestParameters.GetString(p, IamActions.Params.NameOf(e)) : RequestParameters.GetString(p, "userName");
        var empty = new EscalationCall(CallClass.Benign, "", name, entity, target, null, null, null, null);
        switch (name)
        {
            case "AttachUserPolicy" or "AttachRolePolicy" or "AttachGroupPolicy":
            {
                var arn = RequestParameters.GetString(p, "policyArn");
                if (arn is null || target is null)
                {
                    return empty with { Class = CallClass.Unreadable, Why = $"the {name} event names no principal or policy" };
                }
                return PolicyJudge.Managed(arn, adminPolicyArns, policies) switch
                {
                    PolicyJudge.Unread => empty with { PolicyArn = arn, Class = CallClass.Unreadable,
                        Why = $"the document of customer-managed policy {arn} could not be read (deleted since the event?)" },
                    { } why => empty with { PolicyArn = arn, Class = CallClass.Escalation, Why = why },
                    null => empty with { PolicyArn = arn, Why = PolicyFacts.IsCustomerManaged(arn)
                        ? $"customer-managed policy {arn} grants nothing broad" : $"{arn} is not on the admin-equivalent list" },
                };
            }
            case "AddUserToGroup":
                return PolicyEscalations.AddUserToGroup(empty, p, adminPolicyArns, policies);
            case "CreatePolicyVersion":
                return PolicyEscalations.CreatePolicyVersion(empty, p, call.ResponseElements);
            case "SetDefaultPolicyVersion":
                return PolicyEscalations.SetDefaultPolicyVersion(empty, p, policies);
            case "PutUserPolicy" or "PutRolePolicy" or "PutGroupPolicy":
            {
                var policyName = RequestParameters.GetString(p, "policyName");
                var document = RequestParameters.GetJsonDocumentText(p, "policyDocument");
                var put = empty with { PolicyName = policyName, Document = document };
                if (policyName is null || target is null || document is null)
                {
                    return put with { Class = CallClass.Unreadable, Why = $"the {name} event lacks the principal, policy name or document" };
                }
                try
                {
                    return PolicyGrants.BroadGrant(document) is { } grant
                        ? put with { Class = CallClass.Escalation, Why = $"inline policy {policyName} grants {grant}" }
                        : put with { Why = $"inline policy {policyName} grants nothing broad" };
                }
                catch (JsonException)
                {
                    return put with { Class = CallClass.Unreadable, Why = $"the document of inline policy {policyName} could not be read" };
                }
            }
            case "CreateLoginProfile" or "UpdateLoginProfile":
                return OtherUser(empty, actor, target, $"{name} for another user gives the caller that user's console",
                    $"{name} for the caller's own user");
            case "UpdateAssumeRolePolicy":
            {
                var role = RequestParameters.GetString(p, "roleName") ?? "(not named in the event)";
                var document = RequestParameters.GetJsonDocumentText(p, "policyDocument");
                if (document is null)
                {
                    return empty with { Class = CallClass.Unreadable, TargetName = role, Why = $"the UpdateAssumeRolePolicy event for role {role} lacks the new trust policy" };
                }
                try
                {
                    // CloudTrail does not record the trust policy it replaced, so there is no exact undo to make.
                    return PolicyOutsiders.Outsider(document, actor.AccountId) is { } outsider
                        ? empty with { Class = CallClass.Reportable, TargetName = role,
                            Why = $"the trust policy of role {role} now lets {outsider} assume it; restore the previous trust policy by hand (CloudTrail does not record it)" }
                        : empty with { TargetName = role, Why = $"the trust policy of role {role} trusts only this account" };
                }
                catch (JsonException)
                {
                    return empty with { Class = CallClass.Unreadable, TargetName = role, Why = $"the new trust policy of role {role} could not be read" };
                }
            }
            case "DeleteUserPermissionsBoundary" or "DeleteRolePermissionsBoundary":
            {
                var who = RequestParameters.GetString(p, name == "DeleteUserPermissionsBoundary" ? "userName" : "roleName");
                return empty with { Class = CallClass.Reportable, TargetName = who,
                    Why = $"the permissions boundary of {(name == "DeleteUserPermissionsBoundary" ? "IAM user" : "role")} {who} was removed; put it back by hand (CloudTrail does not record which policy it was)" };
            }
            case "CreateAccessKey":
            {
                var newKey = RequestParameters.GetObject(call.ResponseElements, "accessKey") is { } key
                    ? RequestParameters.GetString(key, "accessKeyId")
                    : null;
                if (actor.Kind == PrincipalKind.Root && target is null)
                {
                    // CIS AWS Foundations Benchmark 1.4: the root user should have no access key.
                    return empty with { Class = CallClass.Reportable, NewAccessKeyId = newKey,
                        Why = $"the root user created an access key {newKey ?? "(id not in the event)"} for itself (CIS AWS Foundations 1.4: no root access keys); delete it with the root user's credentials" };
                }
                return OtherUser(empty with { NewAccessKeyId = newKey }, actor, target,
                    "CreateAccessKey for another user gives the caller that user's credentials", "CreateAccessKey for the caller's own user");
            }
            default:
                return empty with { Why = $"{name} is not a call this function acts on" };
        }
    }

    // With no userName the call acts on the caller itself (IAM defaults to the signer).
    private static EscalationCall OtherUser(EscalationCall call, Principal actor, string? target, string escalation, string self) =>
        target is null || (actor.Kind == PrincipalKind.IamUser && string.Equals(actor.Name, target, StringComparison.Ordinal))
            ? call with { Class = CallClass.Benign, Why = self }
            : call with { Class = CallClass.Escalation, Why = escalation };

    private static IamEntityKind? EntityOf(string eventName) =>
        eventName.EndsWith("UserPolicy", StringComparison.Ordinal) ? IamEntityKind.User
        : eventName.EndsWith("RolePolicy", StringComparison.Ordinal) ? IamEntityKind.Role
        : eventName.EndsWith("GroupPolicy", StringComparison.Ordinal) ? IamEntityKind.Group
        : null;
}
