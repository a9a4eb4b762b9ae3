namespace Remediation.Benchmarks.Storm;

/// <summary>What a storm did to AWS, from the emulation's call log: containing writes per user, and notifications.</summary>
/// <param name="Contained">Users with a successful deny-all attach.</param>
/// <param name="Writes">Successful IAM writes (AttachUserPolicy, UpdateAccessKey).</param>
/// <param name="RepeatedWrites">Writes beyond the first of their kind on the same user.</param>
/// <param name="Notifications">Successful SNS publishes.</param>
public sealed record StormTally(int Contained, int Writes, int RepeatedWrites, int Notifications)
{
    private static readonly string[] IamWrites = ["AttachUserPolicy", "UpdateAccessKey"];

    /// <summary>Counts from (service, operation, status, UserName parameter) of every logged call.</summary>
    public static StormTally Of(IEnumerable<(string Service, string Operation, int Status, string? UserName)> calls)
    {
        var ok = calls.Where(c => c.Status < 300).ToList();
        var writes = ok.Where(c => c.Service == "iam" && IamWrites.Contains(c.Operation)).ToList();
        var distinct = writes.Select(c => (c.Operation, c.UserName)).Distinct().Count();
        return new StormTally(
            writes.Where(c => c.Operation == "AttachUserPolicy").Select(c => c.UserName).Distinct().Count(),
            writes.Count,
            writes.Count - distinct,
            ok.Count(c => c.Service == "sns" && c.Operation == "Publish"));
    }
}
