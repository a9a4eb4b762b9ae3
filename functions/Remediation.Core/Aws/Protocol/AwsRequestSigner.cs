using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Remediation.Core.Aws.Protocol;

/// <summary>Signs a request with AWSSDK.Core's own SigV4 signer (no crypto of ours).</summary>
internal sealed class AwsRequestSigner(AwsServiceEndpoint endpoint)
{
    private readonly SigningConfig _config = new(endpoint.SigningName, endpoint.SigningRegion);

    /// <summary>Returns the headers to send: the request's own plus host, X-Amz-Date, X-Amz-Content-SHA256, Authorization, and X-Amz-Security-Token for session credentials.</summary>
    public IReadOnlyDictionary<string, string> Sign(AwsWireRequest wire, ImmutableCredentials credentials, DateTime signedAtUtc)
    {
        var request = new DefaultRequest(new UnmodeledRequest(), endpoint.SigningName)
        {
            HttpMethod = "POST",
            Endpoint = endpoint.Url,
            ResourcePath = "/",
            Content = wire.Body,
            AuthenticationRegion = endpoint.SigningRegion,
            OverrideSigningServiceName = endpoint.SigningName,
        };
        request.Headers["Content-Type"] = wire.ContentType;
        foreach (var (name, value) in wire.Headers)
        {
            request.Headers[name] = value;
        }

        if (credentials.UseToken)
        {
            // Temporary credentials (Lambda) must send their token, inside the signature (docs/aws-reference.md §B6).
            request.Headers["X-Amz-Security-Token"] = credentials.Token;
        }

        var result = new AWS4Signer().SignRequest(request, _config, null, credentials.AccessKey, credentials.SecretKey, signedAtUtc);
        request.Headers["Authorization"] = result.ForAuthorizationHeader;
        return new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
    }

    private sealed class UnmodeledRequest : AmazonWebServiceRequest;

    /// <summary>The minimal client configuration the SDK signer reads: the scope's service and region.</summary>
    private sealed class SigningConfig : ClientConfig
    {
        public SigningConfig(string signingName, string signingRegion)
            : base(null!)
        {
            AuthenticationServiceName = signingName;
            AuthenticationRegion = signingRegion;
            RegionEndpointServiceName = signingName;
        }

        public override string ServiceVersion => "unmodeled";

        public override string UserAgent => "remediation";

        public override string RegionEndpointServiceName { get; }

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
            throw new NotSupportedException("Endpoints are resolved by AwsEndpoints.");
    }
}
