using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Remediation.Core.Aws;

/// <summary>Everything <see cref="AwsClientFactory"/> needs: endpoints and region, credentials, retries, time, and (tests) an HTTP handler.</summary>
/// <param name="Endpoints">Endpoint and region resolution.</param>
/// <param name="Credentials">The credentials; production uses AWSSDK.Core's default chain.</param>
public sealed record AwsClientSettings(AwsEndpoints Endpoints, AWSCredentials Credentials)
{
    /// <summary>Retry settings for IAM, SNS and SageMaker.</summary>
    public AwsRetryOptions Retry { get; init; } = new();

    /// <summary>Clock, waits and jitter.</summary>
    public AwsClientRuntime Runtime { get; init; } = new();

    /// <summary>The HTTP handler under our clients' shared <see cref="HttpClient"/>; null for the default.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>
    /// Production: the process environment for region and endpoints, and the SDK's default credential chain
    /// (environment variables including AWS_SESSION_TOKEN, profile, container and instance credentials).
    /// </summary>
    public static AwsClientSettings FromEnvironment() =>
        new(AwsEndpoints.FromEnvironment(), DefaultAWSCredentialsIdentityResolver.GetCredentials());

    /// <summary>
    /// Region, endpoints and credentials from the given variables, as the SDK would read them from the environment:
    /// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) when set, else the default chain.
    /// </summary>
    public static AwsClientSettings FromVariables(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var key = variables.GetValueOrDefault("AWS_ACCESS_KEY_ID");
        var secret = variables.GetValueOrDefault("AWS_SECRET_ACCESS_KEY");
        var token = variables.GetValueOrDefault("AWS_SESSION_TOKEN");
        AWSCredentials credentials = string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret)
            ? DefaultAWSCredentialsIdentityResolver.GetCredentials()
            : string.IsNullOrEmpty(token) ? new BasicAWSCredentials(key, secret) : new SessionAWSCredentials(key, secret, token);
        return new(AwsEndpoints.FromVariables(variables), credentials);
    }

    /// <summary>Every service at one endpoint (the local emulation), with fixed test credentials.</summary>
    public static AwsClientSettings ForEndpoint(string endpointUrl, string region = "us-east-1") =>
        new(
            AwsEndpoints.FromVariables(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = endpointUrl, ["AWS_REGION"] = region }),
            new BasicAWSCredentials("testing", "testing"));
}
