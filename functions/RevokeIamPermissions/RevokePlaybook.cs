using Remediation.Actions.Iam;
using Remediation.Core.Aws.Iam;

namespace Remediation.RevokeIamPermissions;

/// <summary>
/// Contains a compromised or escalating IAM principal. Reads only (real ARNs with paths, a user's keys when every key
/// is to go); the decision is <see cref="RevokePlanner"/>.
/// </summary>
public sealed class RevokePlaybook(RevokeOptions options, IIam iam) : IPlaybook
{
    /// <summary>The function's logical name.</summary>
    public const string Name = "RevokeIamPermissions";

    /// <inheritdoc />
    public string FunctionName => Name;

    /// <inheritdoc />
    public string? Disregard(Finding finding) => RevokePlanner.Disregard(finding, options);

    /// <inheritdoc />
    /// <remarks>
    /// A GuardDuty finding's writes (deny-all or session revocation, then the finding's access key) need no read to name.
    /// </remarks>
    public IReadOnlyList<PlannedAction> Anticipate(Finding finding) =>
        finding is { Source: FindingSource.GuardDuty, Principal.Name: not null } && Disregard(finding) is null
            ? RevokePlanner.Plan(finding, options, RevokeFacts.None).Actions
            : [];

    /// <inheritdoc />
    public async Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var arns = new Dictionary<string, string>(StringComparer.Ordinal);
        var gone = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<AccessKeyMetadata> keys = [];
        if (finding is { Source: FindingSource.GuardDuty, Principal: { Name: { } name } p })
        {
            if (p.Kind == PrincipalKind.IamUser)
            {
                await ResolveAsync(arns, gone, IamEntityKind.User, name, ct);
                if (options.DeactivateAllKeys)
                {
                    keys = await NotFound.OrNullAsync(iam.ListAccessKeysAsync(name, ct)) ?? [];
                }
            }
            else if (p.Kind == PrincipalKind.AssumedRole)
            {
                await ResolveAsync(arns, gone, IamEntityKind.Role, name, ct);
            }
        }
        else if (finding is { Source: FindingSource.CloudTrail, Resource: { Kind: ResourceKind.IamUser or ResourceKind.IamRole } target })
        {
            await ResolveAsync(arns, gone, target.Kind == ResourceKind.IamUser ? IamEntityKind.User : IamEntityKind.Role, target.Id, ct);
        }
        var policies = finding is { Source: FindingSource.CloudTrail, ApiCall: { EventSource: "iam.amazonaws.com" } call }
            ? await PolicyReads.ReadAsync(iam, call, options.AdminPolicyArns, ct)
            : PolicyFacts.None;
        return RevokePlanner.Plan(finding, options, new RevokeFacts(arns, keys) { Gone = gone, Policies = policies });
    }

    // GuardDuty and CloudTrail name principals without their IAM path; the real ARN lets path-based exemptions match.
    private async Task ResolveAsync(Dictionary<string, string> arns, HashSet<string> gone, IamEntityKind kind, string name, CancellationToken ct)
    {
        try
        {
            arns[RevokeFacts.Key(kind, name)] = kind == IamEntityKind.User
                ? (await iam.GetUserAsync(name, ct)).Arn
                : (await iam.GetRoleAsync(name, ct)).Arn;
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            // Deleted since the event (or a sample finding's generated name): the planner reports it instead of writing.
            gone.Add(RevokeFacts.Key(kind, name));
        }
    }
}
