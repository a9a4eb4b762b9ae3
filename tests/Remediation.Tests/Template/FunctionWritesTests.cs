using Remediation.Core.Aws;
using Remediation.Tool.Template;

namespace Remediation.Tests.Template;

/// <summary>
/// "What can this function write?" is each Function's Handlers list (issue 16, item 1): every handler kind it carries
/// must be callable under its role in template.yaml, so no function ships a write its role would refuse.
/// </summary>
public sealed class FunctionWritesTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(Repo.PathOf("template.yaml"));

    // The AWS API actions each handler kind calls (its writes and the reads it makes first).
    private static readonly Dictionary<string, string[]> Calls = new(StringComparer.Ordinal)
    {
        ["iam:DenyAllUser"] = ["iam:ListAttachedUserPolicies", "iam:AttachUserPolicy", "iam:PutUserPolicy"],
        ["iam:RevokeOlderSessions"] = ["iam:GetRolePolicy", "iam:PutRolePolicy"],
        ["iam:UpdateAccessKey"] = ["iam:ListAccessKeys", "iam:UpdateAccessKey"],
        ["iam:DeleteLoginProfile"] = ["iam:GetLoginProfile", "iam:DeleteLoginProfile"],
        ["iam:DetachUserPolicy"] = ["iam:ListAttachedUserPolicies", "iam:DetachUserPolicy"],
        ["iam:DetachRolePolicy"] = ["iam:ListAttachedRolePolicies", "iam:DetachRolePolicy"],
        ["iam:DetachGroupPolicy"] = ["iam:ListAttachedGroupPolicies", "iam:DetachGroupPolicy"],
        ["iam:DeleteUserPolicy"] = ["iam:GetUserPolicy", "iam:DeleteUserPolicy"],
        ["iam:DeleteRolePolicy"] = ["iam:GetRolePolicy", "iam:DeleteRolePolicy"],
        ["iam:DeleteGroupPolicy"] = ["iam:GetGroupPolicy", "iam:DeleteGroupPolicy"],
        ["iam:RemoveUserFromGroup"] = ["iam:ListGroupsForUser", "iam:RemoveUserFromGroup"],
        ["iam:SetDefaultPolicyVersion"] = ["iam:GetPolicy", "iam:SetDefaultPolicyVersion"],
        ["iam:CreateAccessKey"] = ["iam:ListAccessKeys", "iam:CreateAccessKey", "ssm:PutParameter"],
        ["iam:SetAccessKeyStatus"] = ["iam:ListAccessKeys", "iam:UpdateAccessKey"],
        ["iam:DeleteAccessKey"] = ["iam:ListAccessKeys", "iam:DeleteAccessKey"],
        ["sagemaker:StopTrainingJob"] = ["sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"],
        ["sagemaker:StopProcessingJob"] = ["sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob"],
        ["sagemaker:StopNotebookInstance"] = ["sagemaker:DescribeNotebookInstance", "sagemaker:StopNotebookInstance"],
        ["s3:CopyObjectToQuarantine"] = ["s3:GetObjectVersion", "s3:PutObject"],
        ["s3:PutObjectLegalHold"] = ["s3:PutObjectLegalHold"],
        ["s3:DeleteObjectVersion"] = ["s3:DeleteObjectVersion"],
        ["kms:EnableKeyRotation"] = ["kms:DescribeKey", "kms:EnableKeyRotation"],
        ["kms:RotateKeyOnDemand"] = ["kms:DescribeKey", "kms:RotateKeyOnDemand"],
        ["kms:CancelKeyDeletion"] = ["kms:DescribeKey", "kms:CancelKeyDeletion"],
        ["kms:EnableKey"] = ["kms:DescribeKey", "kms:EnableKey"],
        ["ec2:IsolateNetworkInterface"] = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:CreateSecurityGroup", "ec2:CreateTags",
            "ec2:RevokeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:ModifyNetworkInterfaceAttribute"],
        ["ec2:ProtectInstance"] = ["ec2:DescribeInstanceAttribute", "ec2:ModifyInstanceAttribute"],
        ["ec2:SnapshotVolume"] = ["ec2:DescribeSnapshots", "ec2:CreateSnapshot", "ec2:CreateTags"],
        ["ec2:TagInstanceIsolated"] = ["ec2:CreateTags"],
        ["autoscaling:DetachInstances"] = ["autoscaling:DescribeAutoScalingInstances", "autoscaling:DetachInstances"],
    };

    public static TheoryData<string> Functions => ["Notify", "RevokeIamPermissions", "StopTrainingJob", "QuarantineS3Object", "RotateKeys", "IsolateInstance"];

    private static IReadOnlyList<IActionHandler> HandlersOf(string function)
    {
        using var aws = new AwsClientFactory(AwsClientSettings.ForEndpoint("http://127.0.0.1:9"));
        var time = TimeProvider.System;
        return function switch
        {
            "Notify" => Remediation.Notify.Function.Handlers(aws, time),
            "RevokeIamPermissions" => Remediation.RevokeIamPermissions.Function.Handlers(aws, time),
            "StopTrainingJob" => Remediation.StopTrainingJob.Function.Handlers(aws, time),
            "QuarantineS3Object" => Remediation.QuarantineS3Object.Function.Handlers(aws, time),
            "IsolateInstance" => Remediation.IsolateInstance.Function.Handlers(aws, time),
            _ => Remediation.RotateKeys.Function.Handlers(aws, time),
        };
    }

    private static List<string> AllowedActions(string function)
    {
        var definition = Template.Functions.Single(f => f.Name == function);
        var policies = Template.Root["Resources"]![definition.LogicalId]!["Properties"]!["Policies"] as JsonArray ?? [];
        return [.. policies.OfType<JsonObject>().SelectMany(p => p["Statement"]!.AsArray())
            .Where(s => s!["Effect"]!.ToString() == "Allow")
            .SelectMany(s => s!["Action"] is JsonArray a ? a.Select(x => x!.ToString()) : [s!["Action"]!.ToString()])];
    }

    private static bool Allows(IEnumerable<string> allowed, string action) =>
        allowed.Any(a => a == action || (a.EndsWith('*') && action.StartsWith(a[..^1], StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_write_a_function_carries_is_allowed_by_its_role(string function)
    {
        var allowed = AllowedActions(function);
        foreach (var kind in HandlersOf(function).Select(h => h.Kind))
        {
            Assert.True(Calls.TryGetValue(kind, out var calls), $"{function} carries {kind}, which this test does not map to AWS actions");
            Assert.All(calls, call => Assert.True(Allows(allowed, call), $"{function} carries {kind} ({call}), which its role does not allow"));
        }
    }

    [Fact]
    public void Each_function_carries_only_its_own_families()
    {
        Assert.Empty(HandlersOf("Notify"));
        Assert.All(HandlersOf("StopTrainingJob"), h => Assert.StartsWith("sagemaker:", h.Kind, StringComparison.Ordinal));
        Assert.All(HandlersOf("QuarantineS3Object"), h => Assert.Matches("^(s3|sagemaker):", h.Kind));
        Assert.All(HandlersOf("RevokeIamPermissions"), h => Assert.StartsWith("iam:", h.Kind, StringComparison.Ordinal));
        Assert.DoesNotContain(HandlersOf("RotateKeys"), h => h.Kind is "kms:DisableKey" or "kms:ScheduleKeyDeletion" or "kms:DisableKeyRotation");
        // Isolation only: restoring groups, lowering protection, re-attaching are the operator's rollback.
        Assert.Equal(["autoscaling:DetachInstances", "ec2:IsolateNetworkInterface", "ec2:ProtectInstance", "ec2:SnapshotVolume", "ec2:TagInstanceIsolated", "iam:RevokeOlderSessions"],
            HandlersOf("IsolateInstance").Select(h => h.Kind).Order(StringComparer.Ordinal));
    }
}
