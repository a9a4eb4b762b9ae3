using System.Security.Cryptography;
using Amazon.KeyManagementService.Model;
using Amazon.S3.Model;
using Remediation.Actions.Kms;
using Remediation.Actions.AccessKeys;

namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// What a rollback must bring back, comparable before and after: the IAM state of the sample world's principals and
/// the content of every object outside the quarantine bucket, every KMS key's state and rotation, and the SSM parameter names.
/// </summary>
internal static class WorldSnapshot
{
    private static readonly string[] Users = ["data-scientist-bob", "intern-sam", "etl-service-user", "ml-pipeline-bot"];
    private static readonly string[] Roles = ["ml-training-ec2-role", "sagemaker-exec", "security-admin"];

    public static async Task<string> TakeAsync(FunctionHarness harness) =>
        (await IamSnapshot.TakeAsync(harness.Aws.Iam, Users, Roles)).ToString() + "\n" + await ObjectsAsync(harness) + "\n" + await KeysAsync(harness) + "\n" + await ParametersAsync(harness);

    /// <summary>The names and versions of the stack's SSM parameters (where rotated keys are handed over).</summary>
    private static async Task<string> ParametersAsync(FunctionHarness harness)
    {
        var response = await harness.Aws.Ssm().GetParametersByPathAsync(new Amazon.SimpleSystemsManagement.Model.GetParametersByPathRequest { Path = "/", Recursive = true });
        return string.Join("\n", (response.Parameters ?? []).Select(p => $"ssm/{p.Name}").Order(StringComparer.Ordinal));
    }

    private static async Task<string> KeysAsync(FunctionHarness harness)
    {
        var lines = new List<string>();
        foreach (var key in (await harness.Aws.Kms().ListKeysAsync(new ListKeysRequest())).Keys ?? [])
        {
            var meta = (await harness.Aws.Kms().DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata;
            var rotation = meta.KeyState == Amazon.KeyManagementService.KeyState.Enabled
                ? (await harness.Aws.Kms().GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = key.KeyId })).KeyRotationEnabled?.ToString()
                : "n/a";
            lines.Add($"kms/{key.KeyId} {meta.KeyState} rotation {rotation}");
        }
        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    /// <summary>Every object's current content outside the quarantine bucket, as bucket/key and SHA-256.</summary>
    public static async Task<string> ObjectsAsync(FunctionHarness harness)
    {
        var lines = new List<string>();
        foreach (var bucket in (await harness.Aws.S3.ListBucketsAsync()).Buckets ?? [])
        {
            if (bucket.BucketName == harness.Stack!.QuarantineBucket)
            {
                continue;
            }
            foreach (var o in (await harness.Aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.BucketName })).S3Objects ?? [])
            {
                using var body = await harness.Aws.S3.GetObjectAsync(bucket.BucketName, o.Key);
                lines.Add($"{bucket.BucketName}/{o.Key} {Convert.ToHexString(await SHA256.HashDataAsync(body.ResponseStream))}");
            }
        }
        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A new access key whose parameter could not be stored is deleted again by the same attempt (nobody holds its
    /// secret), and the retry creates another: that create and its delete are a compensation, not a repeated write.
    /// </summary>
    public static List<RecordedCall> WithoutCompensatedCreates(IReadOnlyList<RecordedCall> calls)
    {
        var kept = calls.ToList();
        for (var i = 0; i < kept.Count; i++)
        {
            if (kept[i] is { Service: "iam", Operation: "CreateAccessKey", Status: < 300 } create
                && kept.FindIndex(i + 1, c => c is { Service: "iam", Operation: "DeleteAccessKey", Status: < 300 } && SameUser(c, create)) is var delete and > 0
                && !kept.Skip(i + 1).Take(delete - i - 1).Any(c => c is { Service: "iam", Operation: "CreateAccessKey" }))
            {
                kept.RemoveAt(delete);
                kept.RemoveAt(i);
                i--;
            }
        }
        return kept;
    }

    private static bool SameUser(RecordedCall a, RecordedCall b) =>
        a.Parameters.TryGetProperty("UserName", out var x) && b.Parameters.TryGetProperty("UserName", out var y) && x.GetString() == y.GetString();

    /// <summary>
    /// A rotation's undo deactivates the key it created and never deletes it (so the undo can itself be undone): an
    /// Inactive key that did not exist before is that design, not a leftover.
    /// </summary>
    public static string WithoutRetiredNewKeys(string before, string after) =>
        string.Join("\n", after.Split('\n').Where(line => !(line.Contains(" key ", StringComparison.Ordinal) && line.EndsWith(" Inactive", StringComparison.Ordinal)
            && !before.Contains(line.Split(' ')[2], StringComparison.Ordinal))));
}
