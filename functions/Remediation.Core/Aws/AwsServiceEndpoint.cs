namespace Remediation.Core.Aws;

/// <summary>Where to send a service's requests and how to sign them.</summary>
/// <param name="Url">The endpoint base URL.</param>
/// <param name="SigningRegion">The SigV4 credential-scope region.</param>
/// <param name="SigningName">The SigV4 credential-scope service name.</param>
/// <param name="IsOverridden">True when an AWS_ENDPOINT_URL* variable (or an explicit URL) chose the endpoint.</param>
public sealed record AwsServiceEndpoint(Uri Url, string SigningRegion, string SigningName, bool IsOverridden);
