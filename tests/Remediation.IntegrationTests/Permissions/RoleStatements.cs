using System.Text.Json.Nodes;
using Remediation.Tool.Local;
using Remediation.Tool.Template;

namespace Remediation.IntegrationTests.Permissions;

/// <summary>A function's role as template.yaml defines it (its inline Policies), resolved against the local stack.</summary>
internal static class RoleStatements
{
    public static IReadOnlyList<JsonObject> Of(SamTemplate template, string functionLogicalId, LocalStack stack)
    {
        var logicalIds = (template.Root["Resources"]?.AsObject() ?? []).Select(r => r.Key).ToList();
        var ctx = new IntrinsicContext(stack.AccountId, stack.Region, LocalStack.StackName, template.ParameterDefaults(),
            stack.Refs(logicalIds), stack.Attributes(logicalIds));
        var policies = template.Root["Resources"]![functionLogicalId]!["Properties"]!["Policies"]!.AsArray();
        return [.. policies.SelectMany(p => p!["Statement"]!.AsArray()).Select(s => (JsonObject)Resolve(s, ctx)!)];
    }

    private static JsonNode? Resolve(JsonNode? node, IntrinsicContext ctx) => node switch
    {
        null => null,
        JsonObject { Count: 1 } o when o.First().Key is "Ref" || o.First().Key.StartsWith("Fn::", StringComparison.Ordinal) =>
            JsonValue.Create(IntrinsicResolver.Resolve(o, ctx)),
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Resolve(kv.Value, ctx)))),
        JsonArray a => new JsonArray([.. a.Select(x => Resolve(x, ctx))]),
        _ => node.DeepClone(),
    };
}
