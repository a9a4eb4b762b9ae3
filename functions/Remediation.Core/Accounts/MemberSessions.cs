using Amazon.Runtime;

namespace Remediation.Core.Accounts;

/// <summary>An assumed member role: its clients act in the member account.</summary>
/// <param name="AccountId">The member account.</param>
/// <param name="RoleArn">The role assumed.</param>
/// <param name="SessionName">The role session name (it names the incident that opened the session; CloudTrail in the member shows it).</param>
/// <param name="Clients">Clients signed with the session's credentials.</param>
/// <param name="Expires">When the credentials expire.</param>
public sealed record MemberSession(string AccountId, string RoleArn, string SessionName, AwsClientFactory Clients, DateTimeOffset Expires);

/// <summary>
/// Assumes the member role of an account through STS and keeps the session per account until shortly before it
/// expires: the margin is one function timeout and a minute, so no incident outlives the credentials it started with.
/// Thread-safe.
/// </summary>
public sealed class MemberSessions(AwsClientFactory central, AccountSettings accounts, TimeProvider time, TimeSpan reuseMargin)
{
    /// <summary>
    /// The session length asked for: 1 hour, the most a role-chained session may last (a Lambda function's role
    /// assuming another role is role chaining; IAM User Guide, "Role chaining").
    /// </summary>
    public const int SessionSeconds = 3600;

    private readonly Dictionary<string, MemberSession> sessions = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>A live session in the member account, assumed now when none is cached.</summary>
    /// <exception cref="AccountAccessException">STS refused the role (permanent: access denied, no such role, bad name).</exception>
    public async Task<MemberSession> OpenAsync(string account, string function, string incidentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (gate)
        {
            if (sessions.TryGetValue(account, out var cached) && cached.Expires - reuseMargin > time.GetUtcNow())
            {
                return cached;
            }
        }
        var roleArn = accounts.MemberRoleArn(account);
        var sessionName = SessionName(function, incidentId);
        AssumedRole assumed;
        try
        {
            assumed = await central.AssumeRoleAsync(roleArn, sessionName, SessionSeconds, ct);
        }
        catch (AmazonServiceException e) when (!IsTransient(e))
        {
            throw new AccountAccessException(account, roleArn, e.ErrorCode ?? e.StatusCode.ToString(), e.Message, e);
        }
        var session = new MemberSession(account, roleArn, sessionName, assumed.Clients,
            assumed.Expires ?? time.GetUtcNow().AddSeconds(SessionSeconds));
        lock (gate)
        {
            sessions[account] = session;
        }
        return session;
    }

    /// <summary>
    /// The role session name: the function and the incident, within STS's 2-64 characters of [\w+=,.@-]
    /// (STS API Reference, AssumeRole RoleSessionName).
    /// </summary>
    public static string SessionName(string function, string incidentId)
    {
        var name = new string($"{function}-{incidentId}".Where(c => char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c, StringComparison.Ordinal)).ToArray());
        return name.Length > 64 ? name[..64] : name.PadRight(2, '-');
    }

    // Throttling and 5xx have already been retried by the client (standard retry mode): the invocation fails and Lambda
    // retries it. Anything else is a refusal that a retry will not change.
    private static bool IsTransient(AmazonServiceException e) =>
        (int)e.StatusCode >= 500 || e.ErrorCode is "Throttling" or "ThrottlingException" or "RequestLimitExceeded";
}

/// <summary>A member role could not be assumed: the message names the account, the role and STS's answer.</summary>
public sealed class AccountAccessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AccountAccessException(string account, string roleArn, string errorCode, string detail, Exception inner)
        : base($"cannot act in account {account}: sts:AssumeRole of {roleArn} was refused ({errorCode}: {detail})", inner)
    {
        Account = account;
        RoleArn = roleArn;
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception.</summary>
    public AccountAccessException() { }

    /// <summary>Creates the exception.</summary>
    public AccountAccessException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public AccountAccessException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The member account.</summary>
    public string Account { get; } = "";

    /// <summary>The role that was refused.</summary>
    public string RoleArn { get; } = "";

    /// <summary>STS's error code.</summary>
    public string ErrorCode { get; } = "";
}
