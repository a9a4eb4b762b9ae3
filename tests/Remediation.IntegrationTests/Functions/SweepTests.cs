namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Issue 13.4: a compromised execution role with hundreds of running jobs. Every one of its jobs is stopped and no
/// other role's, the listings page through at SageMaker's largest page size, and the calls and ledger saves grow with
/// the jobs, not faster: describes a few at a time, stops a few at a time and recorded in batches
/// (PlanExecutor.AlongsidePerSave).
/// </summary>
[Collection("LocalAws")]
public sealed class SweepTests(LocalAwsFixture fixture) : IDisposable
{
    private const int Jobs = 250;
    private const string Role = "arn:aws:iam::123456789012:role/sagemaker-exec";
    private readonly FunctionHarness harness = new(fixture);

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Every_job_of_the_role_is_stopped_in_calls_and_saves_that_grow_with_the_jobs()
    {
        await harness.ResetAsync(World());
        var invocation = await harness.InvokeAsync("StopTrainingJob", await harness.EventTextAsync("guardduty/sagemaker-exec-role-anomalous-exfiltration.json"),
            ("REMEDIATION_MODE", "enforce"), ("BREAKER_MAX_TARGETS", "1000"), ("BREAKER_MAX_TARGETS_PER_SOURCE", "1000"));

        Assert.True(invocation.Outcome == IncidentOutcome.Remediated, invocation.Result.ToString());
        var calls = await harness.CallsAsync();
        var stopped = calls.Where(c => c.Operation == "StopTrainingJob" && c.Status < 300).Select(c => c.Parameters.GetProperty("TrainingJobName").GetString()).ToHashSet();
        Assert.Equal(Jobs, stopped.Count);
        Assert.All(stopped, name => Assert.StartsWith("exec-job-", name, StringComparison.Ordinal));

        // 275 running jobs in pages of 100: three listings, the later ones by NextToken.
        var listings = calls.Where(c => c.Operation == "ListTrainingJobs").ToList();
        Assert.Equal(3, listings.Count);
        Assert.All(listings, l => Assert.Equal(100, l.Parameters.GetProperty("MaxResults").GetInt32()));
        Assert.True(listings[2].Parameters.TryGetProperty("NextToken", out _));

        // Per running job a describe (whose role is it?), which is also the stopped job's record; per job of the role
        // its exemption tags and the stop.
        var sageMaker = calls.Count(c => c.Service == "sagemaker");
        Assert.True(sageMaker <= (Jobs + Jobs / 10) + 2 * Jobs + 10, $"{sageMaker} SageMaker calls for {Jobs} jobs");
        Assert.Equal(Jobs + Jobs / 10, calls.Count(c => c.Operation == "DescribeTrainingJob"));
        var ledgerWrites = calls.Count(c => c.Service == "dynamodb" && c.Operation is "PutItem" or "TransactWriteItems" or "UpdateItem");
        Assert.True(ledgerWrites <= Jobs / PlanExecutor.AlongsidePerSave * 3 + 10, $"{ledgerWrites} ledger writes for {Jobs} stops");

        var record = await harness.Ledger().GetAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);
        Assert.Equal(Jobs, record!.Actions.Count(a => a.Kind == "sagemaker:StopTrainingJob" && a.Status == ActionStatus.Done));
        foreach (var untouched in new[] { "other-job-000", "other-job-024" })
        {
            Assert.Equal("InProgress", (await harness.Aws.SageMaker.DescribeTrainingJobAsync(untouched, default)).Status);
        }
    }

    private static string World()
    {
        const string trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        var jobs = new List<string>();
        for (var i = 0; i < Jobs; i++)
        {
            jobs.Add($$"""{"name":"exec-job-{{i:000}}","roleArn":"{{Role}}"}""");
            if (i % 10 == 9)
            {
                jobs.Add($$"""{"name":"other-job-{{i / 10:000}}","roleArn":"arn:aws:iam::123456789012:role/ml-sandbox-exec"}""");
            }
        }
        return $$"""
            {"account":"123456789012","region":"us-east-1",
             "roles":[{"name":"sagemaker-exec","path":"/","trustPolicy":{{trust}}},{"name":"ml-sandbox-exec","path":"/","trustPolicy":{{trust}}}],
             "trainingJobs":[{{string.Join(",", jobs)}}]}
            """;
    }
}
