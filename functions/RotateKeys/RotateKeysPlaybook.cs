using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.SimpleSystemsManagement;
using Remediation.Actions.AccessKeys;
using Remediation.Actions.Kms;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Events;
using Remediation.Core.Notifications;

namespace Remediation.RotateKeys;

/// <summary>
/// Reads what the decision needs (the user behind a key or a user id, their tags and keys, the rotation parameter's
/// description; the KMS key's state and rotation status) and hands it to the pure planners; a schedule rule's firing
/// is the daily <see cref="KeySweep"/>. Never writes.
/// </summary>
public sealed class RotateKeysPlaybook(IIam iam, IAmazonSimpleSystemsManagement ssm, IAmazonKeyManagementService kms,
    RotateKeysSettings policy, TimeProvider time, KeySweep sweep) : IPlaybook
{
    /// <summary>The function's logical name.</summary>
    public const string Name = "RotateKeys";

    /// <inheritdoc />
    public string FunctionName => Name;

    /// <inheritdoc />
    public bool HasScheduledWork => true;

    /// <inheritdoc />
    public async Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        switch (finding)
        {
            case { Source: FindingSource.Schedule }:
                return await sweep.PlanAsync(ct);
            case { Source: FindingSource.Health, Resource: { Kind: ResourceKind.AccessKey } key }:
                var ids = key.Attributes.TryGetValue("accessKeyIds", out var all) ? all.Split(',') : [key.Id];
                return await ExposedAsync(ids, ct);
            case { Source: FindingSource.Config, Compliance: { ComplianceType: "NON_COMPLIANT" } c } when ConfigRuleOwners.IsAccessKeyRule(c.RuleName):
                return await StaleAsync(c.ResourceId, ct);
            case { Source: FindingSource.Config, Compliance: { ComplianceType: "NON_COMPLIANT" } c, Resource: { Kind: ResourceKind.KmsKey } k }
                when ConfigRuleOwners.IsKmsRotationRule(c.RuleName):
                return await KmsAsync(KmsTrigger.RotationNonCompliant, k, null, ct);
            case { Source: FindingSource.CloudTrail, ApiCall: { EventName: "DisableKeyRotation" }, Resource: { Kind: ResourceKind.KmsKey } k }:
                return await KmsAsync(KmsTrigger.RotationDisabled, k, finding.Principal, ct);
            case { Source: FindingSource.CloudTrail, ApiCall: { EventName: "ScheduleKeyDeletion" }, Resource: { Kind: ResourceKind.KmsKey } k }:
                return await KmsAsync(KmsTrigger.DeletionScheduled, k, finding.Principal, ct);
            case { Source: FindingSource.CloudTrail, ApiCall: { EventName: "DisableKey" }, Resource: { Kind: ResourceKind.KmsKey } k }:
                return await KmsAsync(KmsTrigger.KeyDisabled, k, finding.Principal, ct);
            case { Source: FindingSource.CloudTrail, ApiCall: { EventName: "PutKeyPolicy" } call, Resource: { Kind: ResourceKind.KmsKey } k }:
                return KeyPolicyOutsider(call, finding.AccountId) is { } outsider
                    ? await KmsAsync(KmsTrigger.PolicyOpened, k, finding.Principal, ct, outsider)
                    : Plan.ReportOnly($"the new policy of KMS key {k.Id} could not be read from the event; review it by hand", Headline.Same($"Reported key policy of KMS key {k.Id}"));
            default:
                return Plan.ReportOnly($"RotateKeys has no action for {finding.Type}", ReportHeadline.For(finding));
        }
    }


    private async Task<Plan> ExposedAsync(IReadOnlyList<string> keyIds, CancellationToken ct)
    {
        var plans = new List<Plan>();
        var unmatched = new HashSet<string>(keyIds, StringComparer.Ordinal);
        // IAM names a key's owner (GetAccessKeyLastUsed), one call instead of paging every user's keys; the owner's own
        // key list then confirms it, and only keys it does not confirm are searched for user by user.
        var owners = await Task.WhenAll(keyIds.Select(async k => (Key: k, Owner: await OwnerAsync(k, ct))));
        foreach (var owner in owners.Select(o => o.Owner).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            // Everything the decision needs about the owner depends only on the name: read together.
            var keysRead = NotFound.OrNullAsync(iam.ListAccessKeysAsync(owner, ct));
            var userRead = NotFound.OrNullAsync(iam.GetUserAsync(owner, ct));
            var tagsRead = NotFound.OrNullAsync(iam.ListUserTagsAsync(owner, ct));
            var parameterRead = ParameterAsync(owner, ct);
            await Task.WhenAll(keysRead, userRead, tagsRead, parameterRead);
            if (await keysRead is not { } keys || await userRead is not { } user || await tagsRead is not { } tags)
            {
                continue; // gone since the event: the search below finds the key if it still exists
            }
            var mine = keys.Where(k => unmatched.Contains(k.AccessKeyId)).Select(k => k.AccessKeyId).ToList();
            if (mine.Count > 0)
            {
                unmatched.ExceptWith(mine);
                plans.Add(AccessKeyPlanner.Decide(new AccessKeyFacts(KeyTrigger.Exposed, mine, user, tags, keys, await parameterRead, time.GetUtcNow()), policy));
            }
        }
        if (unmatched.Count > 0)
        {
            foreach (var user in await iam.ListUsersAsync(ct))
            {
                if (unmatched.Count == 0)
                {
                    break;
                }
                var keys = await iam.ListAccessKeysAsync(user.UserName, ct);
                var mine = keys.Where(k => unmatched.Contains(k.AccessKeyId)).Select(k => k.AccessKeyId).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }
                unmatched.ExceptWith(mine);
                plans.Add(AccessKeyPlanner.Decide(await FactsAsync(KeyTrigger.Exposed, mine, user, keys, ct), policy));
            }
        }
        var missing = unmatched.Select(k => $"access key {k} belongs to no IAM user of this account (already deleted?)").ToList();
        if (plans.Count == 0)
        {
            return new Plan([], missing, Headline.Same($"Reported exposed access key {string.Join(", ", keyIds)}"));
        }
        return plans.Count == 1
            ? plans[0] with { Skipped = [.. plans[0].Skipped, .. missing] }
            : new Plan([.. plans.SelectMany(p => p.Actions)], [.. plans.SelectMany(p => p.Skipped), .. missing],
                new Headline(string.Join("; ", plans.Select(p => p.Headline.Done)), string.Join("; ", plans.Select(p => p.Headline.Planned))));
    }

    /// <summary>The key's owner as IAM names it, or null (unknown key, or IAM refuses to say).</summary>
    private async Task<string?> OwnerAsync(string keyId, CancellationToken ct)
    {
        try
        {
            return await iam.GetAccessKeyOwnerAsync(keyId, ct);
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity || e.ErrorCode == "AccessDenied")
        {
            return null;
        }
    }

    private async Task<Plan> StaleAsync(string userId, CancellationToken ct)
    {
        var user = (await iam.ListUsersAsync(ct)).FirstOrDefault(u => u.UserId == userId);
        if (user is null)
        {
            return Plan.ReportOnly($"no IAM user has the id {userId} (deleted since the evaluation?)", Headline.Same($"Reported stale keys of user {userId}"));
        }
        var keys = await iam.ListAccessKeysAsync(user.UserName, ct);
        return AccessKeyPlanner.Decide(await FactsAsync(KeyTrigger.Stale, [], user, keys, ct), policy);
    }

    private async Task<AccessKeyFacts> FactsAsync(KeyTrigger trigger, IReadOnlyList<string> exposed, IamUser user,
        IReadOnlyList<AccessKeyMetadata> keys, CancellationToken ct)
    {
        var tags = iam.ListUserTagsAsync(user.UserName, ct);
        var parameter = ParameterAsync(user.UserName, ct);
        return new AccessKeyFacts(trigger, exposed, user, await tags, keys, await parameter, time.GetUtcNow());
    }

    /// <summary>The user's rotation parameter as this stack wrote it, or null (none, or someone else's).</summary>
    private async Task<RotationParameterInfo?> ParameterAsync(string userName, CancellationToken ct)
    {
        var (_, info, _) = await RotationParameter.DescribeAsync(ssm, RotationParameter.NameFor(policy.ParameterPrefix, userName), ct);
        return info is not null && info.UserName == userName ? info : null;
    }

    /// <inheritdoc />
    public string? Disregard(Finding finding) =>
        finding is { Source: FindingSource.CloudTrail, ApiCall: { EventName: "PutKeyPolicy" } call }
        && KeyPolicyOutsider(call, finding.AccountId) == NoOutsider
            ? "the new key policy lets in only this account's principals"
            : null;

    private const string NoOutsider = "";

    // The outsider the new key policy admits; NoOutsider when none; null when the event's policy cannot be read.
    private static string? KeyPolicyOutsider(ApiCall call, string account)
    {
        if (RequestParameters.GetJsonDocumentText(call.RequestParameters, "policy") is not { } policy)
        {
            return null;
        }
        try
        {
            return PolicyOutsiders.Outsider(policy, account) ?? NoOutsider;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task<Plan> KmsAsync(KmsTrigger trigger, ResourceRef key, Principal? caller, CancellationToken ct, string? outsider = null)
    {
        var keyArn = key.Arn ?? key.Id;
        KeyMetadata meta;
        try
        {
            meta = (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyArn }, ct)).KeyMetadata;
        }
        catch (NotFoundException)
        {
            return Plan.ReportOnly($"KMS key {key.Id} does not exist", Headline.Same($"Reported KMS key {key.Id}"));
        }
        var obstacle = KeyFacts.OnDemandObstacle(meta, ignoreState: true);
        var rotationEnabled = false;
        int? onDemand = null;
        var readsRotation = trigger is KmsTrigger.RotationDisabled or KmsTrigger.RotationNonCompliant or KmsTrigger.DeletionScheduled;
        if (readsRotation && obstacle is null && meta.KeyState != KeyState.PendingDeletion)
        {
            rotationEnabled = (await kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = keyArn }, ct)).KeyRotationEnabled == true;
        }
        if (readsRotation && obstacle is null && policy.RotateOnDemand && trigger != KmsTrigger.RotationNonCompliant)
        {
            var rotations = await kms.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = keyArn }, ct);
            onDemand = (rotations.Rotations ?? []).Count(r => r.RotationType == RotationType.ON_DEMAND);
        }
        var window = key.Attributes.TryGetValue("pendingWindowInDays", out var w) && int.TryParse(w, System.Globalization.CultureInfo.InvariantCulture, out var days) ? days : (int?)null;
        var facts = new KmsFacts(trigger, meta.KeyId ?? key.Id, meta.Arn ?? keyArn, caller?.Arn, window, rotationEnabled,
            meta.KeyState?.Value ?? "Unknown", obstacle, onDemand) { Outsider = outsider };
        return KmsPlanner.Decide(facts, policy);
    }
}
