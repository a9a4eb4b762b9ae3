namespace Remediation.Core.Aws;

/// <summary>
/// Retry settings for the IAM, SNS and SageMaker clients: full-jitter exponential backoff,
/// delay = random(0, min(MaxDelay, BaseDelay * 2^retry)), at most <see cref="MaxAttempts"/> attempts in all.
/// </summary>
public sealed record AwsRetryOptions
{
    /// <summary>Attempts including the first one (default 5). 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first retry's delay ceiling (default 100 ms).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest delay ceiling (default 5 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
