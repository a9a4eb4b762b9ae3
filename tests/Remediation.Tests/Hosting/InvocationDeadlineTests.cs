using Remediation.Core.Hosting;

namespace Remediation.Tests.Hosting;

/// <summary>Each invocation works under a token that fires before the function's timeout, and logs its trace id (issue 16, item 2).</summary>
public sealed class InvocationDeadlineTests : IDisposable
{
    private readonly PipelineBench bench = new();
    private readonly StringWriter logs = new();

    public void Dispose()
    {
        bench.Dispose();
        logs.Dispose();
    }

    /// <summary>A playbook that reads until it is cancelled, like a call hanging on a slow service.</summary>
    private sealed class HangingPlaybook : IPlaybook
    {
        public string FunctionName => "RevokeIamPermissions";

        public async Task<Plan> PlanAsync(Finding finding, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task An_invocation_out_of_time_is_cancelled_records_itself_as_failed_and_fails_for_a_retry()
    {
        var handler = new FunctionHandler(bench.Pipeline(new HangingPlaybook(), []), logs, bench.Time, () => "Root=1-674c2a1b-5e6f7a8b9c0d1e2f3a4b5c6d", TimeSpan.FromSeconds(50));

        var running = handler.HandleFindingAsync(TestFindings.GuardDuty());
        bench.Time.Advance(TimeSpan.FromSeconds(49));
        Assert.False(running.IsCompleted);
        bench.Time.Advance(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        var failed = Assert.Single(await bench.Store.ListAsync(default));
        Assert.Equal(IncidentState.Failed, failed.State);
        var text = logs.ToString();
        Assert.Contains("ran out of time", text, StringComparison.Ordinal);
        Assert.Contains("\"traceId\":\"Root=1-674c2a1b-5e6f7a8b9c0d1e2f3a4b5c6d\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, 50)]
    [InlineData(900, 810)]
    [InlineData(10, 5)]
    public void The_budget_leaves_time_to_record_before_Lambda_stops_the_function(int timeoutSeconds, double budgetSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(budgetSeconds), FunctionHandler.InvocationBudget(timeoutSeconds));
}
