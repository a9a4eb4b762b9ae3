namespace Remediation.IntegrationTests.Functions;

/// <summary>A CloudTrail call that failed changed nothing: it is reported as such, never as "NOT CONTAINED … Would …".</summary>
[Collection("LocalAws")]
public sealed class FailedCallReportTests(LocalAwsFixture fixture) : IDisposable
{
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("StopTrainingJob", "cloudtrail/sagemaker-create-training-job-untrusted.json", "sagemaker")]
    [InlineData("RevokeIamPermissions", "cloudtrail/iam-attach-user-policy-denied.json", "iam")]
    public async Task A_failed_call_is_reported_without_reads_or_a_would_do_subject(string function, string eventFile, string service)
    {
        await harness.ResetAsync();
        var text = await harness.EventTextAsync(eventFile);
        if (!text.Contains("\"errorCode\"", StringComparison.Ordinal))
        {
            // The job request was refused: no job exists (CloudTrail records errorCode and no responseElements).
            text = text.Replace("\"eventName\": \"CreateTrainingJob\",", "\"eventName\": \"CreateTrainingJob\", \"errorCode\": \"ValidationException\", \"errorMessage\": \"Could not assume role\",", StringComparison.Ordinal);
        }
        var invocation = await harness.InvokeAsync(function, text, ("REMEDIATION_MODE", "enforce"));

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("call failed", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await harness.CallsAsync(service));
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.DoesNotContain("NOT CONTAINED", message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Would ", message.Subject, StringComparison.Ordinal);
    }
}
