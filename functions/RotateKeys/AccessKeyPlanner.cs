using Remediation.Actions.AccessKeys;
using Remediation.Core.Aws.Iam;

namespace Remediation.RotateKeys;

/// <summary>Why a user's keys are looked at.</summary>
public enum KeyTrigger
{
    /// <summary>AWS Health AWS_RISK_CREDENTIALS_EXPOSED: the named key is public. Contain first.</summary>
    Exposed,
    /// <summary>Config access-keys-rotated / iam-user-unused-credentials-check NON_COMPLIANT: the active key is stale.</summary>
    Stale,
}

/// <summary>What the playbook learned about the user (reads only).</summary>
/// <param name="Trigger">Exposed or stale.</param>
/// <param name="ExposedKeyIds">The keys the Health event names (empty for stale).</param>
/// <param name="User">The IAM user.</param>
/// <param name="Tags">The user's tags.</param>
/// <param name="Keys">The user's access keys.</param>
/// <param name="Parameter">What this user's rotation parameter says, when it exists and is ours.</param>
/// <param name="Now">The clock.</param>
public sealed record AccessKeyFacts(
    KeyTrigger Trigger,
    IReadOnlyList<string> ExposedKeyIds,
    IamUser User,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<AccessKeyMetadata> Keys,
    RotationParameterInfo? Parameter,
    DateTimeOffset Now);

/// <summary>
/// The access-key decision, pure: Finding facts + policy → plan.
/// Opted-in users (tag remediation:rotate=auto) get a cut-over: [delete an Inactive second key], create the new key
/// and store it in Parameter Store, deactivate the old key (never delete it here: the sweep does, after the grace
/// period). An Active key is never deleted. Two Active keys stop the rotation (we cannot know which one a workload uses).
/// Users not opted in: an exposed key is deactivated at once; a stale key is reported only.
/// </summary>
public static class AccessKeyPlanner
{
    /// <summary>A key we created this recently is not rotated again by a late or repeated Config evaluation.</summary>
    public static readonly TimeSpan RecentRotation = TimeSpan.FromDays(1);

    /// <summary>Plans for one user.</summary>
    public static Plan Decide(AccessKeyFacts facts, RotateKeysSettings policy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        var user = facts.User.UserName;
        var optedIn = facts.Tags.TryGetValue(RotateKeysSettings.OptInTagKey, out var v)
            && string.Equals(v, RotateKeysSettings.OptInTagValue, StringComparison.OrdinalIgnoreCase);
        var optInHint = $"{user} is not opted in to automatic rotation: tag the user {RotateKeysSettings.OptInTagKey}={RotateKeysSettings.OptInTagValue} "
            + $"to get a new key in Parameter Store ({RotationParameter.NameFor(policy.ParameterPrefix, user)}) with a cut-over next time";

        if (facts.Trigger == KeyTrigger.Exposed)
        {
            var exposed = facts.Keys.Where(k => facts.ExposedKeyIds.Contains(k.AccessKeyId, StringComparer.Ordinal)).ToList();
            if (exposed.Count == 0)
            {
                return Plan.ReportOnly($"{user} no longer has access key {string.Join(", ", facts.ExposedKeyIds)}",
                    Headline.Same($"Reported exposed access key of {user}"));
            }
            var active = exposed.Where(k => k.Status == AccessKeyStatus.Active).ToList();
            // An opted-in user's exposed key already Inactive with no replacement stored: the usual trace of an attempt
            // that deactivated it and then failed to create the new key. The rotation the user opted in to is finished.
            if (active.Count == 0 && optedIn && exposed.Count == 1 && !Replaced(facts, exposed[0]))
            {
                return CutOver(facts, policy, exposed[0], exposedKey: true);
            }
            if (active.Count == 0)
            {
                return Plan.ReportOnly($"exposed access key {string.Join(", ", exposed.Select(k => k.AccessKeyId))} of {user} is already Inactive",
                    Headline.Same($"Reported exposed access key of {user} (already Inactive)"));
            }
            if (!optedIn || active.Count > 1)
            {
                return Deactivate(facts, active, optedIn ? [$"{user} has more than one exposed key, so there is no key to cut over from; both were deactivated"] : [optInHint]);
            }
            return CutOver(facts, policy, active[0], exposedKey: true);
        }

        var activeKeys = facts.Keys.Where(k => k.Status == AccessKeyStatus.Active).ToList();
        if (activeKeys.Count == 0)
        {
            return Plan.ReportOnly($"{user} has no Active access key", Headline.Same($"Reported stale access keys of {user}"));
        }
        if (!optedIn)
        {
            var ages = string.Join(", ", activeKeys.Select(k => k.AccessKeyId + Age(k, facts.Now)));
            return Plan.ReportOnly($"stale access key {ages} reported only; {optInHint}",
                Headline.Same($"Reported stale access key of {user}"));
        }
        if (facts.Parameter is { } p && activeKeys.FirstOrDefault(k => k.AccessKeyId == p.AccessKeyId) is { } ours
            && activeKeys.Count == 1 && ours.CreateDate is { } created && facts.Now - created < RecentRotation)
        {
            return Plan.ReportOnly($"access key {ours.AccessKeyId} of {user} was created by our rotation {Age(ours, facts.Now).Trim(' ', '(', ')')}; not rotated again",
                Headline.Same($"Reported access key of {user} (rotated recently)"));
        }
        // A retry after our own create: the new key is named in the parameter; the old one is the key it replaces.
        var old = facts.Parameter is { } param && activeKeys.Count == 2
            && activeKeys.Any(k => k.AccessKeyId == param.AccessKeyId) && activeKeys.Any(k => k.AccessKeyId == param.Replaces)
            ? activeKeys.Single(k => k.AccessKeyId == param.Replaces)
            : activeKeys.Count == 1 ? activeKeys[0] : null;
        if (old is null)
        {
            return Plan.ReportOnly(
                $"{user} has two Active access keys ({string.Join(", ", activeKeys.Select(k => k.AccessKeyId))}); rotation needs a free slot and we cannot tell which key the workload uses, so nothing was changed",
                Headline.Same($"Reported stale access keys of {user} (two Active keys)"));
        }
        return CutOver(facts, policy, old, exposedKey: false);
    }

    private static Plan CutOver(AccessKeyFacts facts, RotateKeysSettings policy, AccessKeyMetadata old, bool exposedKey)
    {
        var user = facts.User.UserName;
        var target = facts.User.Arn;
        var name = RotationParameter.NameFor(policy.ParameterPrefix, user);
        var resuming = Replaced(facts, old);
        var others = facts.Keys.Where(k => k.AccessKeyId != old.AccessKeyId && !(resuming && k.AccessKeyId == facts.Parameter!.AccessKeyId)).ToList();
        var actions = new List<PlannedAction>();
        if (others.Count > 0)
        {
            var other = others[0];
            if (other.Status == AccessKeyStatus.Active)
            {
                // Never delete an Active key. An exposed key is still contained; a stale one is left alone.
                return exposedKey
                    ? Deactivate(facts, [old], [$"{user} has two Active keys ({old.AccessKeyId}, {other.AccessKeyId}): no free slot for a new key, so the exposed key was deactivated without a replacement"])
                    : Plan.ReportOnly($"{user} has two Active access keys ({old.AccessKeyId}, {other.AccessKeyId}); nothing was changed",
                        Headline.Same($"Reported stale access keys of {user} (two Active keys)"));
            }
            actions.Add(PlannedAction.Create(AccessKeyActions.Delete, target,
                $"free a slot for the new key: delete Inactive access key {other.AccessKeyId} of {user} (irreversible)",
                (AccessKeyActions.UserName, user), (AccessKeyActions.AccessKeyId, other.AccessKeyId)));
        }
        actions.Add(PlannedAction.Create(AccessKeyActions.CreateAndStore, target,
            $"create a new access key for {user} and store it as SecureString {name}",
            (AccessKeyActions.UserName, user), (AccessKeyActions.Replaces, old.AccessKeyId),
            (AccessKeyActions.ParameterName, name), (AccessKeyActions.KmsKeyId, policy.ParameterKmsKeyId)));
        // An exposed key is contained even if the replacement failed; a stale key only once its replacement is stored.
        var deactivate = Deactivation(user, target, old.AccessKeyId, exposedKey ? "exposed in public" : "replaced by rotation");
        actions.Add(exposedKey ? deactivate : deactivate with
        {
            Parameters = new Dictionary<string, string>(deactivate.Parameters, StringComparer.Ordinal) { [AccessKeyActions.OnlyAfterReplacementIn] = name },
        });
        var why = exposedKey ? "exposed" : "stale";
        return new Plan(actions, [],
            new Headline($"Rotated {why} access key {old.AccessKeyId} of {user} (new key in {name})",
                $"Would rotate {why} access key {old.AccessKeyId} of {user} (new key in {name})"));
    }

    private static bool Replaced(AccessKeyFacts facts, AccessKeyMetadata key) =>
        facts.Parameter is { } p && p.Replaces == key.AccessKeyId && facts.Keys.Any(k => k.AccessKeyId == p.AccessKeyId);

    private static Plan Deactivate(AccessKeyFacts facts, IReadOnlyList<AccessKeyMetadata> keys, IReadOnlyList<string> skipped)
    {
        var user = facts.User.UserName;
        var ids = string.Join(", ", keys.Select(k => k.AccessKeyId));
        return new Plan([.. keys.Select(k => Deactivation(user, facts.User.Arn, k.AccessKeyId, "exposed in public"))], skipped,
            new Headline($"Deactivated exposed access key {ids} of {user}", $"Would deactivate exposed access key {ids} of {user}"));
    }

    private static PlannedAction Deactivation(string user, string target, string keyId, string why) =>
        PlannedAction.Create(AccessKeyActions.SetStatus, target, $"deactivate access key {keyId} of {user} ({why}); the sweep deletes it after the grace period",
            (AccessKeyActions.UserName, user), (AccessKeyActions.AccessKeyId, keyId), (AccessKeyActions.Status, nameof(AccessKeyStatus.Inactive)));

    private static string Age(AccessKeyMetadata key, DateTimeOffset now) =>
        key.CreateDate is { } d ? $" ({(int)(now - d).TotalDays} days old)" : "";
}
