using Remediation.Actions.S3Quarantine;
using Remediation.QuarantineS3Object;
using Remediation.Tests.Events;

namespace Remediation.Tests.QuarantineS3Object;

public class QuarantinePlannerTests
{
    private static readonly QuarantinePolicy Policy = new() { QuarantineBucket = "remediation-quarantine", KmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/q" };
    private static readonly QuarantineTarget Target = new("ml-data", "train/x.bin", "v2", "etag", ["EICAR"], false);
    private static readonly Dictionary<string, string> NoTags = [];

    private static QuarantineFactsSnapshot Facts(bool source = true, string? evidence = null, IReadOnlyDictionary<string, string>? tags = null, params RunningJob[] jobs) =>
        new(source, evidence, tags ?? NoTags, jobs);

    [Fact]
    public void Copy_hold_delete_come_in_that_order_on_the_object_arn_then_the_jobs_that_read_it()
    {
        var plan = QuarantinePlanner.Plan(Target, Facts(jobs:
            [new RunningJob(true, "train", "arn:t", ["s3://ml-data/train/"]), new RunningJob(true, "eval", "arn:e", ["s3://ml-data/eval/"]),
             new RunningJob(false, "prep", "arn:p", ["s3://ml-data/train"])]), Policy, "f-1");
        Assert.Equal([QuarantineKinds.CopyToQuarantine, QuarantineKinds.LegalHold, QuarantineKinds.DeleteSourceVersion, Remediation.Actions.SageMaker.StopProcessingJobHandler.ActionKind, Remediation.Actions.SageMaker.StopTrainingJobHandler.ActionKind],
            plan.Actions.Select(a => a.Kind));
        Assert.All(plan.Actions.Take(3), a => Assert.Equal("arn:aws:s3:::ml-data/train/x.bin", a.Target));
        Assert.Equal(["arn:p", "arn:t"], plan.Actions.Skip(3).Select(a => a.Target));
        Assert.Contains("s3://ml-data/train/x.bin", plan.Actions[4].Reason, StringComparison.Ordinal);
        var copy = plan.Actions[0];
        Assert.Equal("ml-data/train/x.bin", copy.Require(QuarantineParameters.QuarantineKey));
        Assert.Equal("v2", copy.Require(QuarantineParameters.VersionId));
        Assert.Equal("f-1", copy.Require(QuarantineParameters.FindingId));
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/q", copy.Require(QuarantineParameters.KmsKeyId));
        Assert.Equal("Quarantined s3://ml-data/train/x.bin and stopped 2 jobs", plan.Headline.Done);
        Assert.Equal("Would quarantine s3://ml-data/train/x.bin and stop 2 jobs", plan.Headline.Planned);
    }

    [Fact]
    public void The_plan_is_deterministic_so_a_retry_carries_done_steps_over()
    {
        var a = QuarantinePlanner.Plan(Target, Facts(), Policy, "f-1");
        var b = QuarantinePlanner.Plan(Target, Facts(evidence: "q1"), Policy, "f-1");
        Assert.Equal(a.Actions.Select(x => x.Identity), b.Actions.Select(x => x.Identity));
    }

    [Theory]
    [InlineData("s3://ml-data/", true)]
    [InlineData("s3://ml-data/train", true)]
    [InlineData("s3://ml-data/train/x.bin", true)]
    [InlineData("s3://ml-data/eval/", false)]
    [InlineData("s3://ml-data-2/train/", false)]
    [InlineData("s3://ml-data/train/x.bin.manifest", false)]
    public void A_job_reads_the_object_when_its_input_uri_is_a_prefix_of_it(string uri, bool reads) =>
        Assert.Equal(reads, QuarantinePlanner.Reads(uri, Target));

    [Fact]
    public void A_bucket_tagged_exempt_is_reported_only()
    {
        var plan = QuarantinePlanner.Plan(Target, Facts(tags: new Dictionary<string, string> { ["remediation:exempt"] = "TRUE" }), Policy, "f");
        Assert.Empty(plan.Actions);
        Assert.Contains("remediation:exempt=true", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bucket_matching_a_pattern_is_reported_only()
    {
        var plan = QuarantinePlanner.Plan(Target, Facts(), Policy with { ExemptBucketPatterns = ["ml-*"] }, "f");
        Assert.Empty(plan.Actions);
        Assert.Contains("ml-*", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void The_quarantine_bucket_itself_is_never_moved_from()
    {
        var plan = QuarantinePlanner.Plan(Target with { Bucket = "remediation-quarantine" }, Facts(), Policy, "f");
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void A_version_gone_without_evidence_is_reported()
    {
        var plan = QuarantinePlanner.Plan(Target, Facts(source: false), Policy, "f");
        Assert.Empty(plan.Actions);
        Assert.Contains("already gone", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_gone_with_evidence_is_planned_again_so_the_steps_report_done()
    {
        var plan = QuarantinePlanner.Plan(Target, Facts(source: false, evidence: "q1"), Policy, "f");
        Assert.Equal(3, plan.Actions.Count);
        Assert.Contains("already quarantined", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Macie_findings_are_reported_only_unless_enabled()
    {
        var sensitive = Target with { IsSensitiveData = true, Threats = ["PERSONAL_INFORMATION: NAME (2)"] };
        Assert.Empty(QuarantinePlanner.Plan(sensitive, Facts(), Policy, "f").Actions);
        var enabled = QuarantinePlanner.Plan(sensitive, Facts(), Policy with { QuarantineMacieFindings = true }, "f");
        Assert.Equal(3, enabled.Actions.Count);
        Assert.Contains("Macie found sensitive data", enabled.Actions[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Jobs_are_named_not_stopped_when_stopping_is_off()
    {
        var plan = QuarantinePlanner.Plan(Target, Facts(jobs: [new RunningJob(true, "train", "arn:t", ["s3://ml-data/train/"])]), Policy with { StopJobs = false }, "f");
        Assert.Equal(3, plan.Actions.Count);
        Assert.Contains("train", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_kms_key_the_bucket_default_encrypts()
    {
        var plan = QuarantinePlanner.Plan(Target, Facts(), Policy with { KmsKeyId = null }, "f");
        Assert.Null(plan.Actions[0].Get(QuarantineParameters.KmsKeyId));
    }

    [Fact]
    public void Targets_come_from_scans_guardduty_and_macie_findings()
    {
        var (scan, _) = QuarantineTarget.From(SampleEvents.Parse("guardduty/malware-object-scan-threats-found.json").Finding!);
        var (guardDuty, _) = QuarantineTarget.From(SampleEvents.Parse("guardduty/s3-malicious-file-finding.json").Finding!);
        var (macie, _) = QuarantineTarget.From(SampleEvents.Parse("macie/sensitive-data-s3object-personal.json").Finding!);
        Assert.Equal(scan! with { Threats = [] }, guardDuty! with { Threats = [] });
        Assert.Equal(scan.Threats, guardDuty.Threats);
        Assert.Equal("uploads/pretrained-resnet50.pkl", scan.Key);
        Assert.True(macie!.IsSensitiveData);
        Assert.Equal(["PERSONAL_INFORMATION: NAME (2)"], macie.Threats);
        var (clean, reason) = QuarantineTarget.From(SampleEvents.Parse("guardduty/malware-object-scan-no-threats.json").Finding!);
        Assert.Null(clean);
        Assert.Contains("NO_THREATS_FOUND", reason, StringComparison.Ordinal);
        var (none, why) = QuarantineTarget.From(SampleEvents.Parse("guardduty/recon-maliciousipcaller-user.json").Finding!);
        Assert.Null(none);
        Assert.NotNull(why);
    }

    [Fact]
    public void An_unversioned_object_is_addressed_as_the_null_version()
    {
        var finding = SampleEvents.ParseEdited("guardduty/malware-object-scan-threats-found.json", e => e["detail"]!["s3ObjectDetails"]!["versionId"] = null).Finding!;
        var (target, _) = QuarantineTarget.From(finding);
        Assert.Equal("null", target!.VersionId);
        Assert.EndsWith("(unversioned)", target.Display, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L, 5L * 1024 * 1024 * 1024, 512L * 1024 * 1024)]
    [InlineData(12L * 1024 * 1024, 5L * 1024 * 1024, 5L * 1024 * 1024)]
    [InlineData(5L * 1024 * 1024 * 1024 * 1024, 5L * 1024 * 1024 * 1024, 549755814L)]
    public void Part_size_respects_s3_limits(long size, long threshold, long expected) =>
        Assert.Equal(expected, VersionCopier.PartSize(size, threshold));
}
