using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.Tool.Drill;

/// <summary>The environment a routed function runs with: template.yaml's variables resolved against the local stack, then overrides.</summary>
internal static class FunctionEnvironment
{
    public static IReadOnlyDictionary<string, string> For(FunctionDefinition function, SamTemplate template, LocalStack stack, string endpoint, DrillOptions options)
    {
        var logicalIds = (template.Root["Resources"]?.AsObject() ?? []).Select(r => r.Key).ToList();
        var ctx = new IntrinsicContext(stack.AccountId, stack.Region, LocalStack.StackName, template.ParameterDefaults(),
            stack.Refs(logicalIds), stack.Attributes(logicalIds));
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in function.Environment)
        {
            env[name] = IntrinsicResolver.Resolve(value, ctx) ?? "";
        }
        env["AWS_ENDPOINT_URL"] = endpoint;
        env["AWS_REGION"] = stack.Region;
        env["AWS_DEFAULT_REGION"] = stack.Region;
        env["AWS_ACCESS_KEY_ID"] = "testing";
        env["AWS_SECRET_ACCESS_KEY"] = "testing";
        env["AWS_SESSION_TOKEN"] = "";
        if (options.DryRun)
        {
            env["REMEDIATION_MODE"] = "dry-run";
        }
        foreach (var (name, value) in options.EnvOverrides)
        {
            env[name] = value;
        }
        return env;
    }
}
