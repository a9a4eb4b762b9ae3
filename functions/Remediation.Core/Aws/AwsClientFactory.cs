using System.Collections.Concurrent;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Aws.Protocol;
using Remediation.Core.Aws.SageMaker;
using Remediation.Core.Aws.Sns;

namespace Remediation.Core.Aws;

/// <summary>
/// Builds every AWS client once, from one endpoint resolution (<see cref="AwsEndpoints"/>), and hands out the same
/// instances afterwards. Our IAM, SNS and SageMaker clients share one <see cref="HttpClient"/>. Thread-safe.
/// </summary>
public sealed class AwsClientFactory : IDisposable
{
    private readonly AwsClientSettings _settings;
    private readonly HttpClient _http;
    private readonly Lazy<IamClient> _iam;
    private readonly Lazy<SnsClient> _sns;
    private readonly Lazy<SageMakerClient> _sageMaker;
    private readonly Lazy<AmazonDynamoDBClient> _dynamoDb;
    private readonly Lazy<AmazonS3Client> _s3;
    private readonly Lazy<AmazonSecurityTokenServiceClient> _sts;
    private readonly ConcurrentDictionary<Type, Lazy<object>> _sdkClients = new();

    /// <summary>Production: settings from the process environment and the SDK's default credential chain.</summary>
    public AwsClientFactory()
        : this(AwsClientSettings.FromEnvironment())
    {
    }

    /// <summary>Explicit settings, e.g. <see cref="AwsClientSettings.ForEndpoint"/> in tests.</summary>
    public AwsClientFactory(AwsClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _http = settings.HttpHandler is null ? new HttpClient() : new HttpClient(settings.HttpHandler, disposeHandler: false);
        _iam = new(() => new IamClient(Transport(AwsServiceInfo.Iam)));
        _sns = new(() => new SnsClient(Transport(AwsServiceInfo.Sns)));
        _sageMaker = new(() => new SageMakerClient(Transport(AwsServiceInfo.SageMaker)));
        _dynamoDb = new(() => new AmazonDynamoDBClient(settings.Credentials, Configure(new AmazonDynamoDBConfig(), AwsServiceInfo.DynamoDb)));
        _s3 = new(() => new AmazonS3Client(settings.Credentials, ConfigureS3()));
        _sts = new(() => new AmazonSecurityTokenServiceClient(settings.Credentials, Configure(new AmazonSecurityTokenServiceConfig(), AwsServiceInfo.Sts)));
    }

    /// <summary>
    /// The same endpoints, retries and clock with other credentials (a member account's assumed role): a new factory,
    /// whose clients act in the credentials' account.
    /// </summary>
    public AwsClientFactory WithCredentials(AWSCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new AwsClientFactory(_settings with { Credentials = credentials });
    }

    /// <summary>
    /// Clients acting as a new session of <paramref name="roleArn"/> (sts:AssumeRole with these clients' credentials),
    /// with the same endpoints and retries, and when the session's credentials expire.
    /// </summary>
    public async Task<AssumedRole> AssumeRoleAsync(string roleArn, string sessionName, int? durationSeconds, CancellationToken ct)
    {
        var response = await Sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = sessionName,
            DurationSeconds = durationSeconds,
        }, ct);
        var credentials = response.Credentials;
        return new AssumedRole(
            WithCredentials(new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken)),
            credentials.Expiration is { } expires ? new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)) : null);
    }

    /// <summary>The region every client uses.</summary>
    public string Region => _settings.Endpoints.Region;

    /// <summary>IAM (Query protocol).</summary>
    public IIam Iam => _iam.Value;

    /// <summary>SNS (Query protocol).</summary>
    public ISns Sns => _sns.Value;

    /// <summary>SageMaker (awsJson1_1).</summary>
    public ISageMaker SageMaker => _sageMaker.Value;

    /// <summary>The official DynamoDB client.</summary>
    public IAmazonDynamoDB DynamoDb => _dynamoDb.Value;

    /// <summary>The official S3 client (path-style addressing when the endpoint is overridden).</summary>
    public IAmazonS3 S3 => _s3.Value;

    /// <summary>The official STS client (assumes member roles).</summary>
    public IAmazonSecurityTokenService Sts => _sts.Value;

    /// <summary>
    /// An official SDK client that only some functions need (KMS, Systems Manager), built once with the same endpoint and
    /// retry settings as the others. The action family that uses it references its SDK, so functions without that
    /// family do not ship it.
    /// </summary>
    public TClient Sdk<TClient, TConfig>(AwsServiceInfo service, Func<AWSCredentials, TConfig, TClient> create)
        where TClient : class
        where TConfig : ClientConfig, new()
    {
        ArgumentNullException.ThrowIfNull(create);
        return (TClient)_sdkClients.GetOrAdd(typeof(TClient),
            _ => new Lazy<object>(() => create(_settings.Credentials, Configure(new TConfig(), service)))).Value;
    }

    /// <summary>
    /// A client of ours over the shared signed transport for a service no official SDK is served for here (EC2 Auto
    /// Scaling), built once per factory by the action family that uses it.
    /// </summary>
    internal TClient Own<TClient>(AwsServiceInfo service, Func<AwsProtocolClient, TClient> create)
        where TClient : class =>
        (TClient)_sdkClients.GetOrAdd(typeof(TClient), _ => new Lazy<object>(() => create(Transport(service)))).Value;

    /// <summary>Disposes the clients built so far and the shared HTTP client.</summary>
    public void Dispose()
    {
        if (_dynamoDb.IsValueCreated) _dynamoDb.Value.Dispose();
        if (_s3.IsValueCreated) _s3.Value.Dispose();
        if (_sts.IsValueCreated) _sts.Value.Dispose();
        foreach (var client in _sdkClients.Values.Where(c => c.IsValueCreated).Select(c => c.Value).OfType<IDisposable>())
        {
            client.Dispose();
        }
        _http.Dispose();
    }

    private AwsProtocolClient Transport(AwsServiceInfo service) =>
        new(_settings.Endpoints.Resolve(service), _http, _settings.Credentials, _settings.Retry, _settings.Runtime);

    private AmazonS3Config ConfigureS3()
    {
        var config = Configure(new AmazonS3Config(), AwsServiceInfo.S3);
        // Emulators serve buckets on one host: virtual-host addressing would need DNS for <bucket>.<host>.
        config.ForcePathStyle = _settings.Endpoints.OverrideFor(AwsServiceInfo.S3) is not null;
        // The only object data read is hashed by the reader itself (quarantine's SHA-256, compared with S3's own
        // checksum or the evidence's): the SDK's own validation of a GET (on by default, WHEN_SUPPORTED) would add a
        // second pass and fail the read on a checksum it cannot compute alike.
        config.ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED;
        return config;
    }

    private T Configure<T>(T config, AwsServiceInfo service)
        where T : ClientConfig
    {
        // The project's retry budget for the official clients too (the SDK's default is 3 attempts, which a throttling
        // storm exhausts within an incident of a few dozen calls). Standard mode retries throttling, 5xx and transient
        // network errors only: a permanent 4xx (AccessDenied, NoSuchKey, ValidationException) fails at once.
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = _settings.Retry.MaxAttempts - 1;
        var endpoint = _settings.Endpoints.Resolve(service);
        if (endpoint.IsOverridden)
        {
            config.ServiceURL = endpoint.Url.ToString();
            config.AuthenticationRegion = endpoint.SigningRegion;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(endpoint.SigningRegion);
        }

        return config;
    }
}

/// <summary>A role session's clients and when its credentials expire (null when STS did not say).</summary>
/// <param name="Clients">Clients signed with the session's credentials.</param>
/// <param name="Expires">The credentials' expiry.</param>
public sealed record AssumedRole(AwsClientFactory Clients, DateTimeOffset? Expires);
