using System.Text;
using System.Text.Json.Nodes;

namespace Remediation.Tool.Template;

/// <summary>Resolves the intrinsic functions our environment values use: Ref, Fn::Sub, Fn::GetAtt, Fn::Join.</summary>
internal static class IntrinsicResolver
{
    public static string? Resolve(JsonNode? node, IntrinsicContext ctx) => node switch
    {
        null => null,
        JsonValue v => v.ToString(),
        JsonObject { Count: 1 } o when o.ContainsKey("Ref") => ctx.Ref(Text(o["Ref"])),
        JsonObject { Count: 1 } o when o.ContainsKey("Fn::GetAtt") => GetAtt(o["Fn::GetAtt"], ctx),
        JsonObject { Count: 1 } o when o.ContainsKey("Fn::Sub") => Sub(o["Fn::Sub"], ctx),
        JsonObject { Count: 1 } o when o.ContainsKey("Fn::Join") && o["Fn::Join"] is JsonArray { Count: 2 } j && j[1] is JsonArray parts =>
            string.Join(Text(j[0]), parts.Select(p => Resolve(p, ctx))),
        _ => throw new TemplateException($"cannot resolve {node.ToJsonString()} outside CloudFormation"),
    };

    private static string GetAtt(JsonNode? arg, IntrinsicContext ctx) => arg switch
    {
        JsonArray { Count: 2 } a => ctx.GetAtt(Text(a[0]) + "." + Text(a[1])),
        JsonValue v => ctx.GetAtt(v.ToString()),
        _ => throw new TemplateException("Fn::GetAtt needs Resource.Attribute"),
    };

    private static string Sub(JsonNode? arg, IntrinsicContext ctx)
    {
        var (template, vars) = arg switch
        {
            JsonValue v => (v.ToString(), new JsonObject()),
            JsonArray { Count: 2 } a when a[1] is JsonObject m => (Text(a[0]), m),
            _ => throw new TemplateException("Fn::Sub needs a string or [string, map]"),
        };
        var sb = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var start = template.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, start - i);
            var end = template.IndexOf('}', start);
            if (end < 0)
            {
                throw new TemplateException($"Fn::Sub '{template}' has an unclosed ${{");
            }
            var name = template[(start + 2)..end];
            sb.Append(name.StartsWith('!') ? "${" + name[1..] + "}"
                : vars.ContainsKey(name) ? Resolve(vars[name], ctx)
                : name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal) ? ctx.GetAtt(name)
                : ctx.Ref(name));
            i = end + 1;
        }
        return sb.ToString();
    }

    private static string Text(JsonNode? node) =>
        node is JsonValue v ? v.ToString() : throw new TemplateException($"expected a string, got {node?.ToJsonString() ?? "null"}");
}
