namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Issue 13.1, measured: how many AWS calls each function's main path makes before the write that stops the damage,
/// from the emulation's call log of a clean enforce run. The goal is 2; today's counts are held as a ceiling so a
/// change can only lower them (each lowering updates its number here and the README's table).
/// </summary>
[Collection("LocalAws")]
public sealed class CriticalPathTests(LocalAwsFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("RevokeIamPermissions", "guardduty/anomalous-behavior-iam-user.json", "iam AttachUserPolicy", 8)]
    [InlineData("RevokeIamPermissions", "guardduty/credential-exfiltration-outside-aws.json", "iam PutRolePolicy", 8)]
    [InlineData("StopTrainingJob", "cloudtrail/sagemaker-create-training-job-untrusted.json", "sagemaker StopTrainingJob", 7)]
    [InlineData("QuarantineS3Object", "guardduty/malware-object-scan-threats-found.json", "s3 CopyObject", 26)]
    [InlineData("RotateKeys", "health/credentials-exposed-not-opted-in.json", "iam UpdateAccessKey", 11)]
    public async Task Calls_before_the_containing_write_stay_within_todays_count(string function, string eventFile, string containingWrite, int ceiling)
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync(function, await harness.EventTextAsync(eventFile), ("REMEDIATION_MODE", "enforce"));
        Assert.True(invocation.Outcome == IncidentOutcome.Remediated, invocation.Result.ToString());
        var calls = await harness.CallsAsync();
        var at = calls.ToList().FindIndex(c => $"{c.Service} {c.Operation}" == containingWrite && c.Status < 300);
        Assert.True(at >= 0, $"{function} made no {containingWrite}");
        var before = calls.Take(at).Select(c => $"{c.Service} {c.Operation}").ToList();
        output.WriteLine($"{function} {eventFile}: {before.Count} calls before {containingWrite}: {string.Join(", ", before)}");
        Assert.True(before.Count <= ceiling, $"{before.Count} calls before {containingWrite} (ceiling {ceiling}): {string.Join(", ", before)}");
    }
}
