using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Remediation.Core.Events;
using Remediation.Core.Findings;
using Remediation.Core.Incidents;
using Remediation.Core.Notifications;
using Remediation.Core.Pipeline;

namespace Remediation.Benchmarks;

/// <summary>The CPU cost of the pipeline's pure stages on the sample events: parse, normalize, compose the notification.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private byte[] guardDuty = [];
    private byte[] cloudTrail = [];
    private byte[] malware = [];
    private Finding finding = null!;

    [GlobalSetup]
    public void Setup()
    {
        guardDuty = File.ReadAllBytes(Repo.Event("guardduty/credential-exfiltration-outside-aws.json"));
        cloudTrail = File.ReadAllBytes(Repo.Event("cloudtrail/iam-attach-user-policy-admin.json"));
        malware = File.ReadAllBytes(Repo.Event("guardduty/malware-object-scan-threats-found.json"));
        finding = EventParser.Parse(guardDuty).Finding!;
    }

    [Benchmark]
    public Finding? ParseGuardDutyFinding() => EventParser.Parse(guardDuty).Finding;

    [Benchmark]
    public Finding? ParseCloudTrailCall() => EventParser.Parse(cloudTrail).Finding;

    [Benchmark]
    public Finding? ParseMalwareScan() => EventParser.Parse(malware).Finding;

    [Benchmark]
    public NotificationMessage ComposeNotification() =>
        NotificationComposer.Compose(new IncidentReport("RevokeIamPermissions", "inc-0123456789abcdef0123", IncidentOutcome.Remediated, "contained",
            finding, new Headline("Revoked sessions of role ml-training-ec2-role", "Would revoke sessions"), [], []), "rollback");
}

internal static class Repo
{
    public static string Event(string relative) => Path.Combine(Root(), "events", relative);

    private static string Root()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Remediation.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run from inside the repository");
    }
}
