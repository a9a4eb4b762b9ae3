using Remediation.Core.Aws;
using Remediation.Core.Aws.Iam;

namespace Remediation.Benchmarks.Compare;

/// <summary>
/// One GuardDuty credential finding both sides contain, the call that contains it, and how the world is put back
/// between invocations (untimed) so every invocation makes the same writes.
/// </summary>
internal sealed record Scenario(string Name, string EventFile, string ContainingCall, Func<AwsClientFactory, string, Task> ResetAsync)
{
    public static readonly Scenario User = new("user", "guardduty/anomalous-behavior-iam-user.json", "AttachUserPolicy",
        async (aws, denyAll) =>
        {
            await aws.Iam.DetachUserPolicyAsync("etl-service-user", denyAll, CancellationToken.None);
            await aws.Iam.UpdateAccessKeyAsync("etl-service-user", "AKIAETLSERVICE000001", AccessKeyStatus.Active, CancellationToken.None);
        });

    // A revocation moves its cut-off forward every time: nothing to put back.
    public static readonly Scenario Role = new("role", "guardduty/credential-exfiltration-outside-aws.json", "PutRolePolicy", (_, _) => Task.CompletedTask);
}
