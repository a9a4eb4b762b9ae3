using Remediation.Actions.Iam;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Events;
using Remediation.Core.Guardrails;
using Remediation.Core.Notifications;
using static Remediation.Actions.Iam.IamActions;

namespace Remediation.RevokeIamPermissions;

/// <summary>
/// The decision, pure: a finding + options + facts → the ordered writes. Compromised identities (GuardDuty access-key
/// findings) are contained; escalation calls (CloudTrail) are undone exactly and their actor contained.
/// </summary>
public static class RevokePlanner
{
    // "AWS Internal" as sourceIPAddress/userAgent is no sign that AWS made a call: CloudTrail writes it for console
    // sessions too (CloudTrail User Guide, document history, 2022-02-24). AWS's own quarantine is known by its policy.

    /// <summary>Why a routed CloudTrail call is no incident (logged, not notified), or null.</summary>
    public static string? Disregard(Finding finding, RevokeOptions options)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(options);
        if (finding is not { Source: FindingSource.CloudTrail, ApiCall: { } call, Principal: { } actor } || !IsIam(call))
        {
            return null;
        }
        if (RequestParameters.GetString(call.RequestParameters, "policyArn") == options.DenyAllPolicyArn && call.EventName.StartsWith("Attach", StringComparison.Ordinal))
        {
            // This function's own containment (or an operator applying it): never judged, never read.
            return $"it attaches this stack's deny-all policy {options.DenyAllPolicyArn}";
        }
        if (EscalationCall.NeedsReads(call, options.AdminPolicyArns))
        {
            return null;
        }
        var c = EscalationCall.Classify(call, actor, options.AdminPolicyArns, PolicyFacts.None);
        return c.Class == CallClass.Benign && !c.IsAwsQuarantine ? c.Why : null;
    }

    /// <summary>Plans the writes for one finding.</summary>
    public static Plan Plan(Finding finding, RevokeOptions options, RevokeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(facts);
        return finding.Source switch
        {
            FindingSource.GuardDuty => Compromised(finding, options, facts),
            FindingSource.CloudTrail => Escalation(finding, options, facts),
            _ => Core.Pipeline.Plan.ReportOnly("not an IAM finding: this function acts on GuardDuty access-key findings and IAM escalation calls", ReportHeadline.For(finding)),
        };
    }

    private static Plan Compromised(Finding finding, RevokeOptions options, RevokeFacts facts)
    {
        var p = finding.Principal;
        if (p?.Name is not { } name)
        {
            return Core.Pipeline.Plan.ReportOnly("the finding names no IAM user or role", ReportHeadline.For(finding));
        }
        var entity = p.Kind == PrincipalKind.IamUser ? IamEntityKind.User : IamEntityKind.Role;
        if (!finding.IsSample && p.Kind is PrincipalKind.IamUser or PrincipalKind.AssumedRole && facts.IsGone(entity, name))
        {
            // GuardDuty keeps reporting (and re-publishing) findings about principals deleted since.
            return Core.Pipeline.Plan.ReportOnly(
                $"{(entity == IamEntityKind.User ? "IAM user" : "role")} {name} no longer exists in account {finding.AccountId}: nothing left to contain", ReportHeadline.For(finding));
        }
        var actions = new List<PlannedAction>();
        var skipped = new List<string>();
        switch (p.Kind)
        {
            case PrincipalKind.IamUser:
                var userArn = facts.ArnOf(IamEntityKind.User, name, finding.AccountId);
                actions.Add(DenyAll(name, userArn, options, $"GuardDuty {finding.Type} names IAM user {name}"));
                if (p.AccessKeyId is null)
                {
                    skipped.Add($"the finding names no access key of {name}, so no key is deactivated (the deny-all policy blocks every key)");
                }
                actions.AddRange(KeysToDeactivate(name, userArn, p.AccessKeyId, options, facts, skipped));
                return new Plan(actions, skipped, new Headline($"Contained IAM user {name}", $"Would contain IAM user {name}")) { WritesIndependent = true };
            case PrincipalKind.AssumedRole:
                if (UnrevocableRole(name) is { } why)
                {
                    return Core.Pipeline.Plan.ReportOnly(why, ReportHeadline.For(finding));
                }
                actions.Add(RevokeSessions(name, facts.ArnOf(IamEntityKind.Role, name, finding.AccountId), p,
                    $"GuardDuty {finding.Type} names a session of role {name}", skipped));
                return new Plan(actions, skipped, new Headline($"Revoked sessions of role {name}", $"Would revoke sessions of role {name}"));
            default:
                return Core.Pipeline.Plan.ReportOnly($"a {p.Kind} principal is not changed automatically", ReportHeadline.For(finding));
        }
    }

    private static Plan Escalation(Finding finding, RevokeOptions options, RevokeFacts facts)
    {
        if (finding is not { ApiCall: { } call, Principal: { } actor } || !IsIam(call))
        {
            return Core.Pipeline.Plan.ReportOnly("not an IAM call", ReportHeadline.For(finding));
        }
        var c = EscalationCall.Classify(call, actor, options.AdminPolicyArns, facts.Policies);
        var headline = ReportHeadline.For(finding);
        if (c.Class == CallClass.Benign && !c.IsAwsQuarantine)
        {
            // Judged benign only once its documents were read (Disregard could not tell): recorded, not published.
            return Core.Pipeline.Plan.NotAnIncident(c.Why, headline);
        }
        if (c.Class != CallClass.Escalation)
        {
            return c.IsAwsQuarantine
                ? Core.Pipeline.Plan.ReportOnly($"AWS's own quarantine policy {c.PolicyArn ?? c.PolicyName} on {c.TargetName}: reported, nothing changed", headline)
                : Core.Pipeline.Plan.ReportOnly(c.Class == CallClass.Unreadable ? c.Why + "; review the call by hand" : c.Why, headline);
        }
        if (actor.Arn is { } actorArn && ArnPattern.FirstMatch(options.ApprovedAdminPatterns, actorArn) is { } approved)
        {
            return Core.Pipeline.Plan.ReportOnly($"{c.Why}; {actorArn} is an approved administrator ({approved})", headline);
        }
        var actions = new List<PlannedAction>();
        var skipped = new List<string>();
        var reason = $"{Describe(actor)} called {call.EventName}: {c.Why}";
        var undo = Undo(c, finding.AccountId, facts, reason, skipped);
        if (undo is not null)
        {
            actions.Add(undo);
        }
        actions.AddRange(ContainActor(actor, finding.AccountId, options, facts, $"contain the actor of {call.EventName}", skipped));
        var who = actor.Name ?? actor.Arn ?? actor.Kind.ToString();
        var notUndone = new Headline($"Contained {who}; escalation of {c.TargetName} NOT undone", $"Would contain {who}; escalation of {c.TargetName} not undone");
        // With no undo to make, the subject must never claim one.
        return undo is null
            ? new Plan(actions, skipped, notUndone)
            : new Plan(actions, skipped, new Headline($"Undid escalation of {c.TargetName} by {who}", $"Would undo escalation of {c.TargetName} by {who}"))
            {
                WithoutFirstAction = notUndone,
            };
    }

    /// <summary>The exact reverse of the escalation, on the exact principal it changed.</summary>
    private static PlannedAction? Undo(EscalationCall c, string account, RevokeFacts facts, string reason, List<string> skipped)
    {
        var target = c.TargetName!;
        var targetKind = c.Entity ?? (c.EventName is "CreatePolicyVersion" or "SetDefaultPolicyVersion" ? null : IamEntityKind.User);
        if (targetKind is IamEntityKind.User or IamEntityKind.Role && facts.IsGone(targetKind.Value, target))
        {
            // Deleted since the call: its grant went with it (IAM deletes a principal only without policies attached).
            skipped.Add($"{(targetKind == IamEntityKind.User ? "IAM user" : "role")} {target} no longer exists: nothing to undo");
            return null;
        }
        if (c.Entity is { } entity)
        {
            var arn = facts.ArnOf(entity, target, account);
            var nameParam = (Params.NameOf(entity), target);
            return c.PolicyArn is { } policyArn
                ? PlannedAction.Create(Managed(entity, attach: false), arn, $"undo: detach {policyArn} ({reason})", nameParam, (Params.PolicyArn, policyArn))
                : PlannedAction.Create(Inline(entity, put: false), arn, $"undo: delete inline policy {c.PolicyName} ({reason})", nameParam,
                    (Params.PolicyName, c.PolicyName!), (Params.ExpectedDocument, c.Document!));
        }
        if (c.EventName is "CreatePolicyVersion" or "SetDefaultPolicyVersion")
        {
            return RestoreDefaultVersion(c, facts, reason, skipped);
        }
        var userArn = facts.ArnOf(IamEntityKind.User, target, account);
        if (c.GroupName is { } group)
        {
            return PlannedAction.Create(RemoveUserFromGroup, userArn, $"undo: remove user {target} from group {group} ({reason})",
                (Params.UserName, target), (Params.GroupName, group));
        }
        if (c.EventName == "CreateAccessKey")
        {
            if (c.NewAccessKeyId is { } key)
            {
                return PlannedAction.Create(UpdateAccessKey, userArn, $"undo: deactivate the key {key} the call created ({reason})",
                    (Params.UserName, target), (Params.AccessKeyId, key), (Params.Status, nameof(AccessKeyStatus.Inactive)));
            }
            skipped.Add($"the event does not name the key created for user {target}: deactivate it by hand");
            return null;
        }
        return PlannedAction.Create(DeleteLoginProfile, userArn, $"undo: remove the console password the caller set ({reason})", (Params.UserName, target));
    }

    // CloudTrail records the new default version, never the one it replaced. Only when the policy has exactly two
    // versions and the new one is still the default is the replaced one certain; otherwise it is left to a human.
    private static PlannedAction? RestoreDefaultVersion(EscalationCall c, RevokeFacts facts, string reason, List<string> skipped)
    {
        var arn = c.PolicyArn!;
        var versions = facts.Policies.Versions.GetValueOrDefault(arn) ?? [];
        var listed = versions.Count == 0 ? "" : $" (versions: {string.Join(", ", versions.Select(v => v.VersionId + (v.IsDefaultVersion ? " default" : "")))})";
        if (c.EventName == "CreatePolicyVersion" && c.VersionId is { } created && versions.Count == 2
            && versions.SingleOrDefault(v => v.IsDefaultVersion)?.VersionId == created)
        {
            var previous = versions.Single(v => v.VersionId != created).VersionId;
            return PlannedAction.Create(SetDefaultPolicyVersion, arn, $"undo: make {previous} the default version of {arn} again ({reason})",
                (Params.PolicyArn, arn), (Params.VersionId, previous), (Params.ExpectedDefaultVersion, created));
        }
        if (c.EventName == "CreatePolicyVersion" && versions.FirstOrDefault(v => v.IsDefaultVersion) is { } now && now.VersionId != c.VersionId)
        {
            skipped.Add($"{c.VersionId} is no longer the default version of {arn} (now {now.VersionId}): nothing to undo");
            return null;
        }
        skipped.Add($"the version {arn} had as default before is not certain (CloudTrail does not record it){listed}: set it back by hand");
        return null;
    }

    private static IEnumerable<PlannedAction> ContainActor(Principal actor, string account, RevokeOptions options, RevokeFacts facts, string reason, List<string> skipped)
    {
        switch (actor.Kind)
        {
            case PrincipalKind.IamUser when actor.Name is { } user:
                var arn = actor.Arn ?? facts.ArnOf(IamEntityKind.User, user, account);
                yield return DenyAll(user, arn, options, reason);
                foreach (var key in KeysToDeactivate(user, arn, actor.AccessKeyId, options with { DeactivateAllKeys = false }, facts, skipped))
                {
                    yield return key;
                }
                break;
            case PrincipalKind.AssumedRole when actor.Name is { } role:
                if (UnrevocableRole(role) is { } why)
                {
                    skipped.Add(why);
                    break;
                }
                yield return RevokeSessions(role, actor.Arn ?? facts.ArnOf(IamEntityKind.Role, role, account), actor, reason, skipped);
                break;
            default:
                skipped.Add($"the actor is a {actor.Kind} principal, which is not contained automatically");
                break;
        }
    }

    private static PlannedAction DenyAll(string user, string userArn, RevokeOptions options, string reason) =>
        PlannedAction.Create(DenyAllUser, userArn, $"deny IAM user {user} every action: {reason}",
            (Params.UserName, user), (Params.PolicyArn, options.DenyAllPolicyArn), (Params.InlinePolicyName, options.InlineDenyAllName));

    /// <summary>Exactly the named key; every active key only when DEACTIVATE_ALL_KEYS says so. Temporary keys cannot be deactivated.</summary>
    private static IEnumerable<PlannedAction> KeysToDeactivate(string user, string userArn, string? namedKey, RevokeOptions options, RevokeFacts facts, List<string> skipped)
    {
        var keys = new List<string>();
        if (namedKey is { } named)
        {
            if (named.StartsWith("ASIA", StringComparison.Ordinal))
            {
                skipped.Add($"{named} is a temporary session key, which IAM cannot deactivate; the deny-all policy blocks it");
            }
            else
            {
                keys.Add(named);
            }
        }
        if (options.DeactivateAllKeys)
        {
            keys.AddRange(facts.Keys.Where(k => k.Status == AccessKeyStatus.Active).Select(k => k.AccessKeyId));
        }
        return keys.Distinct(StringComparer.Ordinal).Select(key => PlannedAction.Create(UpdateAccessKey, userArn,
            key == namedKey ? $"deactivate the access key {key} the event names" : $"deactivate access key {key} of {user} (DEACTIVATE_ALL_KEYS)",
            (Params.UserName, user), (Params.AccessKeyId, key), (Params.Status, nameof(AccessKeyStatus.Inactive))));
    }

    private static PlannedAction RevokeSessions(string role, string roleArn, Principal session, string reason, List<string> skipped)
    {
        var instance = session.Ec2InstanceId;
        if (instance is not null)
        {
            skipped.Add($"the session is EC2 instance {instance}: isolate or stop that instance (this function does not change EC2)");
        }
        return PlannedAction.Create(RevokeOlderSessions, roleArn,
            $"revoke every session of role {role} issued before now{(instance is null ? "" : $" (the compromised session is EC2 instance {instance})")}: {reason}",
            (Params.RoleName, role));
    }

    // Names IAM reserves (docs/aws-reference.md §B2); TargetGuard catches them by path when the ARN carries it.
    private static string? UnrevocableRole(string role) =>
        role.StartsWith("AWSServiceRoleFor", StringComparison.Ordinal) ? $"role {role} is a service-linked role, whose sessions AWS does not let us revoke"
        : role.StartsWith("AWSReservedSSO_", StringComparison.Ordinal) ? $"role {role} is an IAM Identity Center role; revoke its sessions in Identity Center"
        : null;

    private static string Describe(Principal p) => p.Kind switch
    {
        PrincipalKind.IamUser => $"IAM user {p.Name}",
        PrincipalKind.AssumedRole => $"role {p.Name}",
        _ => p.Arn ?? p.Name ?? p.Kind.ToString(),
    };

    private static bool IsIam(ApiCall call) => call.EventSource == "iam.amazonaws.com";
}
