using Remediation.Core.Aws.SageMaker;

namespace Remediation.Actions.SageMaker;

/// <summary>One listed job and its description, or why it has none (gone since the listing).</summary>
/// <param name="Summary">The job as listed.</param>
/// <param name="Job">Its description, or null.</param>
/// <param name="Error">SageMaker's answer when the job could not be described (ValidationException), or null.</param>
public sealed record DescribedJob(SageMakerJobSummary Summary, SageMakerJob? Job, AwsServiceException? Error);

/// <summary>
/// Describes the jobs a listing returned, a few at a time: the blast-radius searches need each job's role and inputs,
/// which the listing does not give, and describing them one after another makes a thousand jobs a thousand round trips
/// long. SageMaker throttles its management APIs per account and region, and those limits are not adjustable
/// (docs/aws-reference.md §B4), so the calls in flight are bounded; throttled calls are retried by the client.
/// </summary>
public static class JobDescriptions
{
    /// <summary>Describe calls in flight at once.</summary>
    public const int InFlight = 8;

    /// <summary>Every listed job with its description, in the listing's order.</summary>
    public static async Task<IReadOnlyList<DescribedJob>> DescribeAsync(IReadOnlyList<SageMakerJobSummary> summaries,
        Func<string, CancellationToken, Task<SageMakerJob>> describe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(describe);
        var described = new DescribedJob[summaries.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, summaries.Count), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = ct },
            async (i, token) =>
            {
                try
                {
                    var job = await describe(summaries[i].Name, token);
                    // The stop that may follow records this description as the job's state before it (SageMakerStops).
                    AttemptScope.Current?.KeepSnapshot(job.Arn, job);
                    described[i] = new DescribedJob(summaries[i], job, null);
                }
                catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.ValidationException)
                {
                    described[i] = new DescribedJob(summaries[i], null, e);
                }
            });
        return described;
    }
}
