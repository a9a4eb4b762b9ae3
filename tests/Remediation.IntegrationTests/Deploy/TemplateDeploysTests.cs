using Remediation.Core.Guardrails;

namespace Remediation.IntegrationTests.Deploy;

/// <summary>
/// template.yaml, expanded by the AWS SAM translator as `sam package`/`sam deploy` hand it over, is created in the
/// emulation's CloudFormation (tests/Deploy/deploy_to_emulation.py) and the result read back with the AWS CLI.
/// moto's CloudFormation does not create the types in <see cref="CreatedThroughTheirApis"/>; the script creates
/// those through their service APIs with the template's properties, so their properties are checked too.
/// moto does not check capabilities; DeployReadinessTests derives them from the template.
/// </summary>
[Collection("LocalAws")]
public sealed class TemplateDeploysTests(LocalAwsFixture fixture)
{
    private static readonly string[] CreatedThroughTheirApis =
        ["AWS::Lambda::EventInvokeConfig", "AWS::CloudWatch::Alarm", "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy"];

    [Fact]
    public async Task The_expanded_template_creates_every_resource_and_the_deployed_stack_is_the_one_the_tests_assume()
    {
        await fixture.ResetAsync();
        try
        {
            using var report = JsonDocument.Parse(await DeployScript.RunAsync(fixture, "template.yaml", "remediation", account: null));
            var root = report.RootElement;
            Assert.Equal("CREATE_COMPLETE", root.GetProperty("status").GetString());
            Assert.Empty(root.GetProperty("problems").EnumerateArray());
            Assert.Equal(["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"], root.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal));
            var resources = root.GetProperty("resources").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            Assert.All(resources, r => Assert.Equal("CREATE_COMPLETE", r.Value.GetProperty("status").GetString()));
            var viaApi = resources.Where(r => r.Value.GetProperty("via").GetString() == "service API").Select(r => r.Value.GetProperty("type").GetString()!).ToHashSet();
            Assert.Subset(CreatedThroughTheirApis.ToHashSet(), viaApi);
            Assert.Equal(6, resources.Count(r => r.Value.GetProperty("type").GetString() == "AWS::Lambda::Function"));

            foreach (var function in resources.Where(r => r.Value.GetProperty("type").GetString() == "AWS::Lambda::Function"))
            {
                await CheckFunctionAsync(function.Value.GetProperty("physicalId").GetString()!);
            }
            using var policy = await AwsCli.JsonAsync(fixture.EndpointUrl, "s3api", "get-bucket-policy", "--bucket", resources["QuarantineBucket"].GetProperty("physicalId").GetString()!);
            Assert.Contains("DenyEveryoneButTheFunctionAndResponders", policy.RootElement.GetProperty("Policy").GetString(), StringComparison.Ordinal);
            using var queue = await AwsCli.JsonAsync(fixture.EndpointUrl, "sqs", "get-queue-attributes", "--queue-url", resources["DeadLetterQueue"].GetProperty("physicalId").GetString()!, "--attribute-names", "Policy");
            Assert.Contains("aws:SourceArn", queue.RootElement.GetProperty("Attributes").GetProperty("Policy").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.ResetAsync();
        }
    }

    /// <summary>dotnet10, the handler, retries to the DLQ, and a role whose ARN the function's own protection matches.</summary>
    private async Task CheckFunctionAsync(string name)
    {
        using var config = await AwsCli.JsonAsync(fixture.EndpointUrl, "lambda", "get-function-configuration", "--function-name", name);
        var c = config.RootElement;
        Assert.Equal("dotnet10", c.GetProperty("Runtime").GetString());
        Assert.EndsWith("::HandleAsync", c.GetProperty("Handler").GetString(), StringComparison.Ordinal);
        var roleArn = c.GetProperty("Role").GetString()!;
        Assert.Contains(":role/remediation/", roleArn, StringComparison.Ordinal);
        var variables = c.GetProperty("Environment").GetProperty("Variables");
        var protectedPatterns = variables.GetProperty("PROTECTED_ROLE_PATTERNS").GetString()!.Split(',');
        Assert.NotNull(ArnPattern.FirstMatch(protectedPatterns, roleArn));
        Assert.Equal("dry-run", variables.GetProperty("REMEDIATION_MODE").GetString());

        using var invoke = await AwsCli.JsonAsync(fixture.EndpointUrl, "lambda", "get-function-event-invoke-config", "--function-name", name);
        Assert.Equal(2, invoke.RootElement.GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Contains(":sqs:", invoke.RootElement.GetProperty("DestinationConfig").GetProperty("OnFailure").GetProperty("Destination").GetString(), StringComparison.Ordinal);
    }
}
