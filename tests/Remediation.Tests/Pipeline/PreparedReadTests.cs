namespace Remediation.Tests.Pipeline;

/// <summary>A read made ahead of a write is made once per attempt, however often the write is prepared.</summary>
public sealed class PreparedReadTests
{
    private static readonly PlannedAction Copy = PlannedAction.Create("s3:CopyObjectToQuarantine", "arn:aws:s3:::b/k", "evidence", ("Key", "k"));

    [Fact]
    public async Task Preparing_the_anticipated_write_and_then_the_planned_one_reads_once()
    {
        var prepared = new PreparedRead<string>();
        var reads = 0;
        Task<string?> Read() => Task.FromResult<string?>($"read {Interlocked.Increment(ref reads)}");
        using (AttemptScope.Begin())
        {
            await prepared.ReadAsync(Copy, Read);
            await prepared.ReadAsync(Copy with { Target = "arn:aws:s3:::b/k", Reason = "planned" }, Read);
            Assert.Equal("read 1", await prepared.TakeOrReadAsync(Copy, Read));
        }
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task Another_attempt_reads_afresh()
    {
        var prepared = new PreparedRead<string>();
        var reads = 0;
        Task<string?> Read() => Task.FromResult<string?>($"read {Interlocked.Increment(ref reads)}");
        using (AttemptScope.Begin())
        {
            await prepared.ReadAsync(Copy, Read);
        }
        using (AttemptScope.Begin())
        {
            await prepared.ReadAsync(Copy, Read);
            Assert.Equal("read 2", await prepared.TakeOrReadAsync(Copy, Read));
        }
    }
}
