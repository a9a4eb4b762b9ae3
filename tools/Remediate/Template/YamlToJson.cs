using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Remediation.Tool.Template;

/// <summary>
/// Reads a CloudFormation/SAM YAML template into JSON nodes. Short-form intrinsics (!Ref, !Sub, !GetAtt...)
/// become their long JSON form ({"Ref": ...}, {"Fn::Sub": ...}) so one resolver handles both.
/// Plain scalars that look like numbers or booleans become JSON numbers/booleans (EventBridge patterns need that).
/// </summary>
internal static class YamlToJson
{
    public static JsonObject Load(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new TemplateException($"template.yaml is not valid YAML at line {e.Start.Line}: {e.Message}");
        }
        if (stream.Documents.Count == 0 || Convert(stream.Documents[0].RootNode) is not JsonObject root)
        {
            throw new TemplateException("template.yaml has no top-level mapping");
        }
        return root;
    }

    private static JsonNode? Convert(YamlNode node)
    {
        JsonNode? value = node switch
        {
            YamlMappingNode map => ConvertMap(map),
            YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
            YamlScalarNode scalar => (JsonNode?)ConvertScalar(scalar),
            _ => null,
        };
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null || !tag.StartsWith('!') || tag.StartsWith("!!", StringComparison.Ordinal))
        {
            return value;
        }
        var name = tag[1..];
        var key = name == "Ref" || name == "Condition" ? name : "Fn::" + name;
        if (name == "GetAtt" && value is JsonValue dotted)
        {
            var text = dotted.GetValue<string>();
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            value = dot < 0 ? value : new JsonArray(text[..dot], text[(dot + 1)..]);
        }
        return new JsonObject { [key] = value };
    }

    private static JsonObject ConvertMap(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? "";
            obj[key] = Convert(v);
        }
        return obj;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return JsonValue.Create(text);
        }
        if (text is "null" or "~" or "")
        {
            return null;
        }
        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && text.Any(char.IsDigit))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(text);
    }
}
