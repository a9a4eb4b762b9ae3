using System.Globalization;

namespace Remediation.Core.Aws;

/// <summary>
/// The one place that decides where every AWS call goes: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL,
/// then the real regional (or global) host. Unset when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true, as in the SDKs.
/// The region comes from AWS_REGION, then AWS_DEFAULT_REGION.
/// </summary>
public sealed class AwsEndpoints
{
    private readonly Func<string, string?> _variable;

    /// <summary>Reads settings through <paramref name="variable"/> (an environment lookup, or a dictionary in tests).</summary>
    public AwsEndpoints(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        _variable = variable;
    }

    /// <summary>Reads the process environment.</summary>
    public static AwsEndpoints FromEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>Settings from a fixed set of variables (tests, drills).</summary>
    public static AwsEndpoints FromVariables(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new(name => variables.TryGetValue(name, out var value) ? value : null);
    }

    /// <summary>The region, from AWS_REGION or AWS_DEFAULT_REGION.</summary>
    /// <exception cref="InvalidOperationException">Neither variable is set.</exception>
    public string Region =>
        NonEmpty("AWS_REGION") ?? NonEmpty("AWS_DEFAULT_REGION")
        ?? throw new InvalidOperationException("AWS_REGION (or AWS_DEFAULT_REGION) is not set.");

    /// <summary>The configured endpoint override for a service, or null for the real AWS endpoint.</summary>
    public Uri? OverrideFor(AwsServiceInfo service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (string.Equals(NonEmpty("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var variable = NonEmpty(service.EndpointVariable) is not null ? service.EndpointVariable : "AWS_ENDPOINT_URL";
        var value = NonEmpty(variable);
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{variable} is not an http(s) URL.");
    }

    /// <summary>The endpoint and signing scope for a service.</summary>
    public AwsServiceEndpoint Resolve(AwsServiceInfo service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var region = Region;
        var signingRegion = service.IsGlobal ? GlobalSigningRegion(region) : region;
        var overridden = OverrideFor(service);
        return overridden is not null
            ? new AwsServiceEndpoint(overridden, signingRegion, service.SigningName, IsOverridden: true)
            : new AwsServiceEndpoint(RealEndpoint(service, region), signingRegion, service.SigningName, IsOverridden: false);
    }

    // Global services live once per partition and sign with its home region (docs/aws-reference.md §B1, §B6).
    private static string GlobalSigningRegion(string region) => Partition(region) switch
    {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    };

    private static Uri RealEndpoint(AwsServiceInfo service, string region)
    {
        var partition = Partition(region);
        var suffix = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        string host = (service.IsGlobal, partition) switch
        {
            (true, "aws-cn") => $"{service.EndpointPrefix}.cn-north-1.{suffix}",
            (true, "aws-us-gov") => $"{service.EndpointPrefix}.us-gov.{suffix}",
            (true, _) => $"{service.EndpointPrefix}.{suffix}",
            _ => $"{service.EndpointPrefix}.{region}.{suffix}",
        };
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{host}/"));
    }

    private static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    private string? NonEmpty(string name)
    {
        var value = _variable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
