namespace Remediation.Core.Aws;

/// <summary>
/// Time, waiting and randomness for the AWS clients, injectable so tests neither sleep nor depend on chance.
/// </summary>
public sealed record AwsClientRuntime
{
    /// <summary>The clock used for signing dates and, by default, for backoff delays.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Waits between attempts; defaults to <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> on <see cref="Time"/>.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Sleep { get; init; }

    /// <summary>A draw from [0, 1) for the jitter; defaults to <see cref="Random.Shared"/>.</summary>
    public Func<double>? UnitRandom { get; init; }

    internal Task Delay(TimeSpan delay, CancellationToken ct) =>
        Sleep is not null ? Sleep(delay, ct) : Task.Delay(delay, Time, ct);

    internal double NextUnitRandom() => UnitRandom is not null ? UnitRandom() : Random.Shared.NextDouble();
}
