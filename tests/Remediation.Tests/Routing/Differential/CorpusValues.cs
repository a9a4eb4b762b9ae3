namespace Remediation.Tests.Routing.Differential;

/// <summary>
/// Value pools for the generated corpus. Small on purpose, so that patterns drawn from them hit and miss often.
/// No dots in keys, no newlines, no empty objects or arrays and no arrays of objects: moto deviates there
/// (see MotoDeviationTests).
/// </summary>
internal static class CorpusValues
{
    public static readonly string[] Texts =
    [
        "aws.guardduty", "aws.iam", "AWS.IAM", "aws.config", "GuardDuty Finding", "AWS API Call via CloudTrail",
        "running", "Running", "RUNNING", "run*ning", "stopped", "init", "initializing", "AccessKey", "accesskey",
        "Instance", "S3Bucket", "us-east-1", "eu-west-1", "a\\b", "", "x",
    ];

    // Integers stay integers in JSON; moto (Python) and we both compare numbers by value.
    public static readonly object[] Numbers = [-3, 0, 1, 2, 5, 7, 10, 100, 7.5, 8.9, 2.25, -0.5];

    public static readonly string[] IpAddresses =
    [
        "10.0.0.33", "10.0.1.7", "10.200.3.4", "192.168.4.20", "172.16.0.1", "8.8.8.8", "2001:db8::1",
        "2001:db8:1::ff", "fe80::1", "::ffff:10.0.0.1", "not-an-ip", "10.0.0.256", "010.0.0.1",
    ];
}
