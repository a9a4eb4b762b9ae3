using Remediation.Core.Aws;
using Remediation.Actions.Kms;
using Remediation.Actions.AccessKeys;

namespace Remediation.Tests.Aws;

public sealed class AwsEndpointsTests
{
    private static AwsEndpoints With(params (string Name, string Value)[] variables) =>
        AwsEndpoints.FromVariables(variables.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void Real_endpoints_and_signing_scopes_follow_aws_facts_B6()
    {
        var endpoints = With(("AWS_REGION", "eu-west-1"));

        Assert.Equal(new AwsServiceEndpoint(new Uri("https://iam.amazonaws.com/"), "us-east-1", "iam", false), endpoints.Resolve(AwsServiceInfo.Iam));
        Assert.Equal(new AwsServiceEndpoint(new Uri("https://sns.eu-west-1.amazonaws.com/"), "eu-west-1", "sns", false), endpoints.Resolve(AwsServiceInfo.Sns));
        Assert.Equal(new AwsServiceEndpoint(new Uri("https://api.sagemaker.eu-west-1.amazonaws.com/"), "eu-west-1", "sagemaker", false), endpoints.Resolve(AwsServiceInfo.SageMaker));
    }

    [Theory]
    [InlineData("cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData("cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData("us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
    public void IAM_in_other_partitions(string region, string url, string signingRegion)
    {
        var endpoint = With(("AWS_REGION", region)).Resolve(AwsServiceInfo.Iam);

        Assert.Equal((new Uri(url), signingRegion), (endpoint.Url, endpoint.SigningRegion));
    }

    [Fact]
    public void Service_specific_variable_beats_the_global_one()
    {
        var endpoints = With(
            ("AWS_REGION", "us-west-2"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
            ("AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:6000"));

        Assert.Equal(new AwsServiceEndpoint(new Uri("http://127.0.0.1:6000"), "us-west-2", "sagemaker", true), endpoints.Resolve(AwsServiceInfo.SageMaker));
        Assert.Equal(new AwsServiceEndpoint(new Uri("http://127.0.0.1:5000"), "us-east-1", "iam", true), endpoints.Resolve(AwsServiceInfo.Iam));
        Assert.Equal(new Uri("http://127.0.0.1:5000"), endpoints.OverrideFor(AwsServiceInfo.DynamoDb));
    }

    [Theory]
    [InlineData("IAM", "AWS_ENDPOINT_URL_IAM")]
    [InlineData("SNS", "AWS_ENDPOINT_URL_SNS")]
    [InlineData("SageMaker", "AWS_ENDPOINT_URL_SAGEMAKER")]
    [InlineData("DynamoDB", "AWS_ENDPOINT_URL_DYNAMODB")]
    [InlineData("S3", "AWS_ENDPOINT_URL_S3")]
    [InlineData("KMS", "AWS_ENDPOINT_URL_KMS")]
    [InlineData("SSM", "AWS_ENDPOINT_URL_SSM")]
    [InlineData("Secrets Manager", "AWS_ENDPOINT_URL_SECRETS_MANAGER")]
    public void Variable_name_is_the_upper_cased_service_id(string serviceId, string variable) =>
        Assert.Equal(variable, new AwsServiceInfo(serviceId, "x", "x").EndpointVariable);

    [Fact]
    public void AWS_REGION_beats_AWS_DEFAULT_REGION_and_either_is_enough()
    {
        Assert.Equal("eu-central-1", With(("AWS_REGION", "eu-central-1"), ("AWS_DEFAULT_REGION", "us-east-1")).Region);
        Assert.Equal("us-east-1", With(("AWS_DEFAULT_REGION", "us-east-1")).Region);
        var error = Assert.Throws<InvalidOperationException>(() => With().Region);
        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignore_configured_endpoint_urls_turns_overrides_off()
    {
        var endpoints = With(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", "http://localhost:1"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        Assert.Null(endpoints.OverrideFor(AwsServiceInfo.Sns));
    }

    [Fact]
    public void A_malformed_endpoint_names_its_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => With(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_SNS", "localhost:4566")).Resolve(AwsServiceInfo.Sns));

        Assert.Contains("AWS_ENDPOINT_URL_SNS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Official_clients_use_the_same_resolution()
    {
        using var factory = new AwsClientFactory(new AwsClientSettings(
            With(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), ("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:5001")),
            new Amazon.Runtime.BasicAWSCredentials("a", "b")));

        Assert.Equal("http://127.0.0.1:5000/", factory.DynamoDb.Config.ServiceURL);
        Assert.Equal("http://127.0.0.1:5000/", factory.Kms().Config.ServiceURL);
        Assert.Equal("http://127.0.0.1:5000/", factory.Ssm().Config.ServiceURL);
        Assert.Equal("http://127.0.0.1:5001/", factory.S3.Config.ServiceURL);
        Assert.True(((Amazon.S3.AmazonS3Config)factory.S3.Config).ForcePathStyle);
        Assert.Equal("eu-west-1", factory.DynamoDb.Config.AuthenticationRegion);
        Assert.Same(factory.Iam, factory.Iam);
        Assert.Same(factory.DynamoDb, factory.DynamoDb);
    }

    [Fact]
    public void Official_clients_without_override_use_the_region()
    {
        using var factory = new AwsClientFactory(new AwsClientSettings(With(("AWS_REGION", "eu-west-1")), new Amazon.Runtime.BasicAWSCredentials("a", "b")));

        Assert.Equal(Amazon.RegionEndpoint.EUWest1, factory.DynamoDb.Config.RegionEndpoint);
        Assert.False(((Amazon.S3.AmazonS3Config)factory.S3.Config).ForcePathStyle);
    }
}
