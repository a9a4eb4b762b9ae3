using Remediation.Actions.SageMaker;
using Remediation.Core.Aws;

namespace Remediation.Tests.StopTrainingJob;

public sealed class StopHandlersTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static PlannedAction StopJob(string name) =>
        PlannedAction.Create(StopTrainingJobHandler.ActionKind, "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + name, "test", (StopTrainingJobHandler.JobNameParameter, name));

    [Fact]
    public async Task A_running_job_is_stopped_first_then_described_for_the_record_and_has_no_inverse()
    {
        var sageMaker = new FakeSageMaker { TrainingStatus = { ["j"] = "InProgress" } };
        var result = await new StopTrainingJobHandler(sageMaker).ExecuteAsync(StopJob("j"), Ct);

        Assert.Equal(ActionStatus.Done, result.Status);
        Assert.Equal(["j"], sageMaker.Stops);
        Assert.Null(result.Inverse);
        // The snapshot is read after the stop (containment first): the job's description, now Stopping.
        Assert.Contains("\"TrainingJobName\":\"j\"", result.BeforeState, StringComparison.Ordinal);
        Assert.Contains("\"TrainingJobStatus\":\"Stopping\"", result.BeforeState, StringComparison.Ordinal);
        Assert.StartsWith("training job j was InProgress; stop requested (now Stopping, then Stopped)", result.Detail, StringComparison.Ordinal);
        Assert.Contains("irreversible: a stopped job cannot be resumed", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Stopped")]
    [InlineData("Stopping")]
    public async Task A_job_already_stopping_or_stopped_refuses_the_stop_and_is_contained_with_a_note(string status)
    {
        var sageMaker = new FakeSageMaker { TrainingStatus = { ["j"] = status } };
        var result = await new StopTrainingJobHandler(sageMaker).ExecuteAsync(StopJob("j"), Ct);
        Assert.Equal(ActionStatus.Done, result.Status);
        Assert.Equal(status, sageMaker.TrainingStatus["j"]);
        Assert.Equal($"training job j was already {status}; nothing to stop", result.Detail);
    }

    [Theory]
    [InlineData("Completed")]
    [InlineData("Failed")]
    public async Task A_job_that_already_ran_to_its_end_is_skipped_not_reported_as_stopped(string status)
    {
        var sageMaker = new FakeSageMaker { TrainingStatus = { ["j"] = status } };
        var result = await new StopTrainingJobHandler(sageMaker).ExecuteAsync(StopJob("j"), Ct);
        Assert.Equal(ActionStatus.Skipped, result.Status);
        Assert.Equal(status, sageMaker.TrainingStatus["j"]);
        Assert.Equal($"training job j had already {status}; nothing to stop", result.Detail);
        Assert.NotNull(result.BeforeState); // the forensic snapshot is kept
    }

    [Fact]
    public async Task A_job_that_finishes_just_before_the_stop_is_skipped_with_a_note()
    {
        var sageMaker = new FakeSageMaker { TrainingStatus = { ["j"] = "InProgress" }, StatusAtStop = "Completed" };
        var result = await new StopTrainingJobHandler(sageMaker).ExecuteAsync(StopJob("j"), Ct);
        Assert.Equal(ActionStatus.Skipped, result.Status);
        Assert.Equal("training job j had already Completed; nothing to stop", result.Detail);
    }

    [Fact]
    public async Task A_stop_whose_description_then_fails_stays_done_without_a_snapshot()
    {
        var sageMaker = new FakeSageMaker { TrainingStatus = { ["j"] = "InProgress" }, DescribeFailsAfterStop = true };
        var result = await new StopTrainingJobHandler(sageMaker).ExecuteAsync(StopJob("j"), Ct);
        Assert.Equal(ActionStatus.Done, result.Status);
        Assert.Null(result.BeforeState);
        Assert.Contains("its description could not be read afterwards: ThrottlingException: Rate exceeded", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_job_is_an_error_the_executor_records_as_failed()
    {
        var executor = new PlanExecutor([new StopTrainingJobHandler(new FakeSageMaker())]);
        var record = await executor.RunAsync(StopJob("missing"), Ct);
        Assert.Equal(ActionStatus.Failed, record.Status);
        Assert.Contains("ValidationException", record.Detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AwsServiceException>(() => new StopTrainingJobHandler(new FakeSageMaker()).ExecuteAsync(StopJob("missing"), Ct));
    }

    [Fact]
    public async Task A_notebook_is_stopped_once_and_an_already_stopped_one_is_a_note()
    {
        var sageMaker = new FakeSageMaker { NotebookStatus = { ["nb"] = "InService" } };
        var action = PlannedAction.Create(StopNotebookInstanceHandler.ActionKind, "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/nb", "test", (StopNotebookInstanceHandler.NameParameter, "nb"));
        var handler = new StopNotebookInstanceHandler(sageMaker);

        var first = await handler.ExecuteAsync(action, Ct);
        var second = await handler.ExecuteAsync(action, Ct);

        Assert.Equal(["nb"], sageMaker.Stops);
        Assert.Null(first.Inverse);
        Assert.Contains("start-notebook-instance --notebook-instance-name nb", first.Detail, StringComparison.Ordinal);
        Assert.Equal("notebook instance nb was already Stopped; nothing to stop", second.Detail);
    }

    [Fact]
    public async Task Rollback_of_a_stop_says_not_reversible()
    {
        var sageMaker = new FakeSageMaker { TrainingStatus = { ["j"] = "InProgress" } };
        var record = await new PlanExecutor([new StopTrainingJobHandler(sageMaker)]).RunAsync(StopJob("j"), Ct);
        var ledger = new Remediation.Core.Ledger.IncidentLedger(new Support.InMemoryRecordStore(), Support.TestSettings.Enforce(), TimeProvider.System);
        var claim = await ledger.ClaimAsync("StopTrainingJob", Support.TestFindings.GuardDuty(), Ct);
        await ledger.SaveAsync(claim.Record with { State = Remediation.Core.Ledger.IncidentState.Notified, Actions = [record] }, Ct);

        var rolled = await new RollbackRunner(ledger, new PlanExecutor([new StopTrainingJobHandler(sageMaker)]), TimeProvider.System).RollbackAsync(claim.Record.IncidentId, Ct);

        var step = Assert.Single(rolled.Rollback);
        Assert.Equal(ActionStatus.Skipped, step.Status);
        Assert.StartsWith("not reversible: ", step.Detail, StringComparison.Ordinal);
        Assert.Equal(["j"], sageMaker.Stops);
    }
}
