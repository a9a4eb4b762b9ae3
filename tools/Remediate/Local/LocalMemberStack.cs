using System.Text.Json.Nodes;
using Remediation.Actions.Iam;
using Remediation.Actions.Kms;
using Remediation.Core.Accounts;

namespace Remediation.Tool.Local;

/// <summary>
/// A member account in the emulation for drills: the world seeded there (bucket names suffixed with the account, as
/// S3 names are global) and the member stack's resources the functions use (member-template.yaml names them:
/// <see cref="MemberStackNames"/>). Tests deploy member-template.yaml itself instead.
/// </summary>
internal static class LocalMemberStack
{
    /// <summary>Clients acting in the member account, as its administrator (the role AWS Organizations creates in members).</summary>
    public static async Task<AwsClientFactory> AdministratorAsync(AwsClientFactory central, string account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(central);
        return (await central.AssumeRoleAsync($"arn:aws:iam::{account}:role/OrganizationAccountAccessRole", "remediate-drill", durationSeconds: null, ct)).Clients;
    }

    /// <summary>The world as it reads in the member account: its account id, and each bucket name suffixed with it.</summary>
    public static string World(string worldJson, string centralAccount, string account)
    {
        var buckets = (JsonNode.Parse(worldJson)?["buckets"] as JsonArray ?? []).Select(b => b?["name"]?.ToString()).OfType<string>();
        var text = worldJson.Replace(centralAccount, account, StringComparison.Ordinal);
        return buckets.Aggregate(text, (t, bucket) => t.Replace($"\"{bucket}\"", $"\"{bucket}-{account}\"", StringComparison.Ordinal)
            .Replace($":::{bucket}", $":::{bucket}-{account}", StringComparison.Ordinal)
            .Replace($"s3://{bucket}/", $"s3://{bucket}-{account}/", StringComparison.Ordinal));
    }

    /// <summary>The member stack's deny-all policy, keys and quarantine bucket, created when missing.</summary>
    public static async Task EnsureAsync(AwsClientFactory member, string account, CancellationToken ct)
    {
        try
        {
            await member.Iam.CreatePolicyAsync(MemberStackNames.DenyAllPolicyName, MemberStackNames.RolePath, IamPolicyDocuments.DenyAll(),
                "Attached by RevokeIamPermissions to contain a compromised or escalating IAM user (drill, member account).", ct);
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.EntityAlreadyExists)
        {
        }
        await LocalStack.EnsureKeyAsync(member.Kms(), MemberStackNames.RotationKeyAlias, "Remediation rotated keys (drill, member account)", ct);
        var quarantineKey = await LocalStack.EnsureKeyAsync(member.Kms(), MemberStackNames.QuarantineKeyAlias, "Remediation quarantine evidence (drill, member account)", ct);
        await LocalStack.EnsureQuarantineBucketAsync(member.S3, MemberStackNames.QuarantineBucket(account, member.Region), quarantineKey, ct);
    }
}
