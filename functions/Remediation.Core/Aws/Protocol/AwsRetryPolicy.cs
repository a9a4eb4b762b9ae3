namespace Remediation.Core.Aws.Protocol;

/// <summary>Which failures are worth another attempt, and how long to wait before it.</summary>
internal sealed class AwsRetryPolicy(AwsRetryOptions options)
{
    // botocore retries/standard.py _THROTTLED_ERROR_CODES (docs/aws-reference.md §B0), plus SNS's wire code "Throttled".
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "Throttled",
    };

    public AwsRetryOptions Options { get; } = options;

    /// <summary>True when a service error is throttling or a server fault.</summary>
    public static bool IsRetryable(int statusCode, string errorCode)
    {
        // IAM LimitExceeded (409) is a quota, not throttling: retrying cannot help (docs/aws-reference.md §B0).
        if (errorCode == AwsErrorCodes.LimitExceeded)
        {
            return false;
        }

        return ThrottlingCodes.Contains(errorCode) || statusCode == 429 || statusCode >= 500;
    }

    /// <summary>True when attempt number <paramref name="attempt"/> (1-based) may be followed by another.</summary>
    public bool HasAttemptsLeft(int attempt) => attempt < Options.MaxAttempts;

    /// <summary>Full jitter: a uniform draw below min(MaxDelay, BaseDelay * 2^(attempt-1)).</summary>
    /// <param name="attempt">The 1-based attempt that just failed.</param>
    /// <param name="unitRandom">A draw from [0, 1).</param>
    public TimeSpan Backoff(int attempt, double unitRandom)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(Options.MaxDelay.TotalMilliseconds, Options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * Math.Clamp(unitRandom, 0, 1));
    }
}
