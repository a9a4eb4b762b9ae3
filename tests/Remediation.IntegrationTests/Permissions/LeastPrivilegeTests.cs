using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.IntegrationTests.Permissions;

/// <summary>What each role must refuse, judged on template.yaml's statements (no emulation needed).</summary>
public sealed class LeastPrivilegeTests
{
    private const string Account = "123456789012";
    private static readonly SamTemplate Template = SamTemplate.Load(Path.Combine(LocalAwsFixture.FindRepoRoot(), "template.yaml"));
    private static readonly LocalStack Stack = new(Account, "us-east-1", $"arn:aws:sns:us-east-1:{Account}:remediation-alerts", "remediation-ledger", "alerts-key")
    {
        QuarantineBucket = "remediation-quarantine",
        QuarantineKeyId = "quarantine-key",
    };

    private static Decision Judge(string function, string action, string resource, params (string Key, string Value)[] context)
    {
        var logicalId = Template.Functions.Single(f => f.Name == function).LogicalId;
        var statements = RoleStatements.Of(Template, logicalId, Stack);
        return IamPolicyEvaluator.Evaluate(statements, new AccessRequest(action, resource, context.ToDictionary(c => c.Key, c => new[] { c.Value }))).Decision;
    }

    [Fact]
    public void RevokeIamPermissions_may_attach_the_deny_all_but_never_detach_it()
    {
        var user = $"arn:aws:iam::{Account}:user/etl/ci-deploy";
        Assert.Equal(Decision.Allowed, Judge("RevokeIamPermissions", "iam:AttachUserPolicy", user, ("iam:PolicyARN", Stack.DenyAllPolicyArn)));
        Assert.Equal(Decision.ImplicitDeny, Judge("RevokeIamPermissions", "iam:AttachUserPolicy", user, ("iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess")));
        Assert.Equal(Decision.ExplicitDeny, Judge("RevokeIamPermissions", "iam:DetachUserPolicy", user, ("iam:PolicyARN", Stack.DenyAllPolicyArn)));
        Assert.Equal(Decision.Allowed, Judge("RevokeIamPermissions", "iam:DetachUserPolicy", user, ("iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess")));
    }

    [Fact]
    public void No_function_may_change_a_role_of_this_stack_whatever_its_name()
    {
        // Long stack names are shortened in generated role names; the path is what CloudFormation keeps.
        var own = $"arn:aws:iam::{Account}:role/remediation/remediation-prod-security-RevokeIamPermissionsFunct-1A2B3C";
        foreach (var action in new[] { "iam:PutRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRolePolicy" })
        {
            Assert.Equal(Decision.ExplicitDeny, Judge("RevokeIamPermissions", action, own));
            Assert.Equal(Decision.Allowed, Judge("RevokeIamPermissions", action, $"arn:aws:iam::{Account}:role/ml-training-role"));
        }
        var env = Template.Functions.Single(f => f.Name == "RevokeIamPermissions").Environment;
        var patterns = (Template.Root["Globals"]!["Function"]!["Environment"]!["Variables"]!["PROTECTED_ROLE_PATTERNS"] ?? env["PROTECTED_ROLE_PATTERNS"])!.ToJsonString();
        Assert.Contains(":role/remediation/*", patterns, StringComparison.Ordinal);
        Assert.Equal("/remediation/", Template.Root["Globals"]!["Function"]!["RolePath"]!.ToString());
    }

    [Fact]
    public void RotateKeys_creates_keys_only_for_users_who_opted_in()
    {
        var user = $"arn:aws:iam::{Account}:user/svc-etl";
        Assert.Equal(Decision.Allowed, Judge("RotateKeys", "iam:CreateAccessKey", user, ("aws:ResourceTag/remediation:rotate", "auto")));
        Assert.Equal(Decision.ImplicitDeny, Judge("RotateKeys", "iam:CreateAccessKey", user));
        Assert.Equal(Decision.ImplicitDeny, Judge("RotateKeys", "iam:CreateAccessKey", user, ("aws:ResourceTag/remediation:rotate", "manual")));
        Assert.Equal(Decision.Allowed, Judge("RotateKeys", "iam:UpdateAccessKey", user));
    }

    [Fact]
    public void QuarantineS3Object_never_destroys_evidence_and_decrypts_sources_only_through_S3()
    {
        var evidence = "arn:aws:s3:::remediation-quarantine/uploads/invoice.pdf";
        Assert.Equal(Decision.ExplicitDeny, Judge("QuarantineS3Object", "s3:DeleteObjectVersion", evidence, ("aws:ResourceAccount", Account)));
        Assert.Equal(Decision.ExplicitDeny, Judge("QuarantineS3Object", "s3:DeleteObject", evidence, ("aws:ResourceAccount", Account)));
        Assert.Equal(Decision.ExplicitDeny, Judge("QuarantineS3Object", "s3:PutObjectLegalHold", evidence, ("s3:object-lock-legal-hold", "OFF")));
        Assert.Equal(Decision.Allowed, Judge("QuarantineS3Object", "s3:PutObjectLegalHold", evidence, ("s3:object-lock-legal-hold", "ON")));
        Assert.Equal(Decision.Allowed, Judge("QuarantineS3Object", "s3:DeleteObjectVersion", "arn:aws:s3:::ml-uploads/x.bin", ("aws:ResourceAccount", Account)));
        Assert.Equal(Decision.ImplicitDeny, Judge("QuarantineS3Object", "s3:DeleteObjectVersion", "arn:aws:s3:::other-account-bucket/x.bin", ("aws:ResourceAccount", "999999999999")));

        var customerKey = $"arn:aws:kms:us-east-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Assert.Equal(Decision.Allowed, Judge("QuarantineS3Object", "kms:Decrypt", customerKey, ("kms:ViaService", "s3.us-east-1.amazonaws.com")));
        Assert.Equal(Decision.ImplicitDeny, Judge("QuarantineS3Object", "kms:Decrypt", customerKey));
        Assert.Equal(Decision.ImplicitDeny, Judge("QuarantineS3Object", "kms:Decrypt", customerKey, ("kms:ViaService", "ssm.us-east-1.amazonaws.com")));
    }

    [Fact]
    public void Each_role_reads_what_its_guardrails_read_before_any_write()
    {
        // TargetGuard reads remediation:exempt on every job it would stop (sagemaker:ListTags).
        var job = $"arn:aws:sagemaker:us-east-1:{Account}:training-job/fraud-model-2025";
        Assert.Equal(Decision.Allowed, Judge("QuarantineS3Object", "sagemaker:ListTags", job));
        Assert.Equal(Decision.Allowed, Judge("StopTrainingJob", "sagemaker:ListTags", job));
    }
}
