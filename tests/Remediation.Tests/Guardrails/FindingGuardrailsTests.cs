using Remediation.Core.Guardrails;

namespace Remediation.Tests.Guardrails;

public class FindingGuardrailsTests
{
    private static Task<Verdict> Evaluate(Core.Findings.Finding finding, FakeTags? tags = null, params (string, string)[] settings) =>
        new FindingGuardrails(TestSettings.Enforce(settings), tags ?? new FakeTags()).EvaluateAsync(finding, CancellationToken.None);

    [Fact]
    public async Task Proceeds_on_a_real_high_finding()
    {
        var verdict = await Evaluate(TestFindings.GuardDuty());
        Assert.Equal(VerdictKind.Proceed, verdict.Kind);
    }

    [Fact]
    public async Task Sample_findings_are_dry_run_only()
    {
        var verdict = await Evaluate(TestFindings.GuardDuty(sample: true));
        Assert.Equal(VerdictKind.DryRunOnly, verdict.Kind);
        Assert.Contains("sample", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denied_calls_are_reported_not_remediated()
    {
        var verdict = await Evaluate(TestFindings.CloudTrail("AttachUserPolicy", "AccessDenied", TestFindings.User("bob")));
        Assert.Equal(VerdictKind.ReportOnly, verdict.Kind);
        Assert.Contains("AccessDenied", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Below_threshold_is_reported_only()
    {
        var verdict = await Evaluate(TestFindings.GuardDuty(severity: 5));
        Assert.Equal(VerdictKind.ReportOnly, verdict.Kind);
        Assert.Contains("below this function's threshold 7 (MIN_SEVERITY): reported, not acted on", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_is_never_changed()
    {
        var verdict = await Evaluate(TestFindings.GuardDuty(principal: TestFindings.Root()));
        Assert.Equal(VerdictKind.ReportOnly, verdict.Kind);
        Assert.Contains("root", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cross_account_principal_is_reported_unless_allowed()
    {
        var foreign = TestFindings.GuardDuty(principal: TestFindings.User("eve", account: "999999999999"));
        Assert.Equal(VerdictKind.ReportOnly, (await Evaluate(foreign)).Kind);
        Assert.Equal(VerdictKind.Proceed, (await Evaluate(foreign, null, ("ALLOW_CROSS_ACCOUNT", "true"))).Kind);
    }

    [Fact]
    public async Task Exempt_by_pattern_needs_no_tag_lookup()
    {
        var tags = new FakeTags();
        var verdict = await Evaluate(TestFindings.GuardDuty(principal: TestFindings.User("break-glass")), tags,
            ("EXEMPT_PRINCIPAL_PATTERNS", "arn:aws:iam::*:user/break-*"));
        Assert.Equal(VerdictKind.ReportOnly, verdict.Kind);
        Assert.Contains("exempt by pattern arn:aws:iam::*:user/break-*", verdict.Reason, StringComparison.Ordinal);
        Assert.Empty(tags.Lookups);
    }

    [Fact]
    public async Task Exempt_by_tag()
    {
        var arn = "arn:aws:iam::123456789012:role/security-admin";
        var tags = new FakeTags(new() { [arn] = new() { ["remediation:exempt"] = "True" } });
        var verdict = await Evaluate(TestFindings.GuardDuty(principal: TestFindings.Role("security-admin", "alice")), tags);
        Assert.Equal(VerdictKind.ReportOnly, verdict.Kind);
        Assert.Contains("remediation:exempt=true", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stacks_own_roles_are_protected()
    {
        var verdict = await Evaluate(TestFindings.GuardDuty(principal: TestFindings.Role("remediation-RevokeIamPermissionsRole", "x")));
        Assert.Equal(VerdictKind.ReportOnly, verdict.Kind);
        Assert.Contains("this stack's own roles", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForAmazonSageMaker", "service-linked")]
    [InlineData("arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_abc", "Identity Center")]
    public void Roles_aws_manages_are_refused(string arn, string expected)
    {
        var objection = TargetGuard.StaticObjection(arn, TestSettings.Enforce());
        Assert.NotNull(objection);
        Assert.Contains(expected, objection, StringComparison.Ordinal);
    }
}
