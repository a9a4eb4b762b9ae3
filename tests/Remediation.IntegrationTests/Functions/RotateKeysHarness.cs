using System.Text;
using System.Text.Json.Nodes;
using Amazon.SimpleSystemsManagement.Model;
using Remediation.Tool.Rollback;
using Remediation.Core.Aws.Iam;
using Remediation.Core.Configuration;
using Remediation.Core.Hosting;
using Remediation.RotateKeys;
using Remediation.Tool.Template;
using Remediation.Actions.AccessKeys;

namespace Remediation.IntegrationTests.Functions;

/// <summary>RotateKeys-specific helpers over <see cref="FunctionHarness"/>: a clock the test controls, AWS state reads.</summary>
internal sealed class RotateKeysHarness(LocalAwsFixture fixture, FunctionHarness harness)
{
    public const string Bot = "ml-pipeline-bot";
    public const string BotKey = "AKIAQXMLPIPELINE0001";
    public const string BotParameter = "/remediation/access-keys/ml-pipeline-bot";
    public const string OptedInHealth = "health/credentials-exposed-opted-in.json";
    public const string NotOptedInHealth = "health/credentials-exposed-not-opted-in.json";

    /// <summary>events/world.json with the opted-in bot given a second, Inactive key.</summary>
    public static string WorldWithInactiveSecondKey(string world)
    {
        var node = JsonNode.Parse(world)!;
        var bot = node["users"]!.AsArray().Single(u => u!["name"]!.GetValue<string>() == Bot)!;
        bot["accessKeys"]!.AsArray().Add(new JsonObject { ["id"] = "AKIAQXMLPIPELINE0002", ["secret"] = "drill-secret-not-real-pipeline-0002", ["status"] = "Inactive" });
        return node.ToJsonString();
    }

    /// <summary>The RotateKeys function as Lambda builds it from template.yaml's environment, with a given clock.</summary>
    public (Function Function, StringWriter Log) Build(TimeProvider time, params (string Name, string Value)[] env)
    {
        var template = SamTemplate.Load(Path.Combine(fixture.RepoRoot, "template.yaml"));
        var definition = Router.Named(template, "RotateKeys");
        var options = new DrillOptions("-", "RotateKeys", fixture.EndpointUrl, null, env.ToDictionary(e => e.Name, e => e.Value), false, false);
        var environment = FunctionEnvironment.For(definition, template, harness.Stack!, fixture.EndpointUrl, options);
        var reader = new EnvironmentReader(environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal));
        var log = new StringWriter();
        return (new Function(new FunctionInputs(reader, harness.Aws, time, log, () => null)), log);
    }

    /// <summary>Runs an event through a function built with the given clock; returns the summary JSON.</summary>
    public async Task<JsonElement> RunAsync(TimeProvider time, string eventJson, params (string Name, string Value)[] env)
    {
        var (function, _) = Build(time, env);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(eventJson));
        using var output = await function.HandleAsync(input);
        using var doc = await JsonDocument.ParseAsync(output);
        return doc.RootElement.Clone();
    }

    public Task<Invocation> InvokeAsync(string relative, params (string Name, string Value)[] env) =>
        InvokeTextAsync(File.ReadAllText(harness.EventPath(relative)), env);

    public Task<Invocation> InvokeTextAsync(string json, params (string Name, string Value)[] env) =>
        harness.InvokeAsync("RotateKeys", json, [("REMEDIATION_MODE", "enforce"), .. env]);

    public async Task<IReadOnlyDictionary<string, AccessKeyStatus>> KeysAsync(string user) =>
        (await harness.Aws.Iam.ListAccessKeysAsync(user, default)).ToDictionary(k => k.AccessKeyId, k => k.Status, StringComparer.Ordinal);

    /// <summary>The stored parameter, decrypted: (type, key id, secret, KMS key id), or null.</summary>
    public async Task<(string Type, string AccessKeyId, string Secret, string? KmsKeyId)?> ParameterAsync(string name)
    {
        try
        {
            var p = (await harness.Aws.Ssm().GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true })).Parameter;
            var meta = (await harness.Aws.Ssm().DescribeParametersAsync(new DescribeParametersRequest
            {
                ParameterFilters = [new ParameterStringFilter { Key = "Name", Option = "Equals", Values = [name] }],
            })).Parameters.Single();
            using var value = JsonDocument.Parse(p.Value);
            return (p.Type.Value, value.RootElement.GetProperty("AccessKeyId").GetString()!, value.RootElement.GetProperty("SecretAccessKey").GetString()!, meta.KeyId);
        }
        catch (ParameterNotFoundException)
        {
            return null;
        }
    }

    public RollbackRunner Rollback() =>
        new(harness.Ledger(), new PlanExecutor(ActionCatalog.All(harness.Aws, TimeProvider.System)), TimeProvider.System);
}
