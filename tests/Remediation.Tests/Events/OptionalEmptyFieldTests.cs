using Remediation.QuarantineS3Object;
using Remediation.RevokeIamPermissions;

namespace Remediation.Tests.Events;

/// <summary>Members AWS marks optional arrive empty in real events; empty means absent.</summary>
public sealed class OptionalEmptyFieldTests
{
    [Fact]
    public void A_GuardDuty_access_key_finding_with_an_empty_key_id_contains_the_user_and_says_no_key_was_named()
    {
        // GuardDuty API reference, AccessKeyDetails: accessKeyId is not required.
        var parsed = SampleEvents.ParseEdited("guardduty/anomalous-behavior-iam-user.json",
            e => e["detail"]!["resource"]!["accessKeyDetails"]!["accessKeyId"] = "");
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        var finding = parsed.Finding!;
        Assert.Null(finding.Principal!.AccessKeyId);
        Assert.Equal("etl-service-user", finding.Principal.Name);

        var plan = RevokePlanner.Plan(finding, RevokeOptions.Load(new Core.Configuration.EnvironmentReader(new Dictionary<string, string?>
        {
            ["DENY_ALL_POLICY_ARN"] = "arn:aws:iam::123456789012:policy/remediation-deny-all",
        })), RevokeFacts.None);
        Assert.Equal(["iam:DenyAllUser"], plan.Actions.Select(a => a.Kind));
        Assert.Contains(plan.Skipped, s => s.Contains("names no access key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Macie_finding_with_an_empty_version_id_is_about_the_current_unversioned_object()
    {
        var parsed = SampleEvents.ParseEdited("macie/sensitive-data-s3object-personal.json",
            e => e["detail"]!["resourcesAffected"]!["s3Object"]!["versionId"] = "");
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        Assert.False(parsed.Finding!.Resource!.Attributes.ContainsKey("versionId"));
        var (target, _) = QuarantineTarget.From(parsed.Finding);
        Assert.NotNull(target);
        Assert.NotEqual("", target.VersionId);
        Assert.DoesNotContain("(version )", parsed.Finding.Title, StringComparison.Ordinal);
    }
}
