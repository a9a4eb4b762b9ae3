using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Remediation.Tool.Template;

/// <summary>
/// Writes a JSON tree as block-style YAML, intrinsics in their long form (<c>Fn::Sub:</c>), strings double-quoted
/// (JSON escapes are YAML escapes), so the output reads back to the same tree.
/// </summary>
internal static class YamlWriter
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonObject root, string header)
    {
        var sb = new StringBuilder(header);
        WriteMapping(sb, root, 0);
        return sb.ToString();
    }

    private static void WriteMapping(StringBuilder sb, JsonObject map, int indent)
    {
        foreach (var (key, value) in map)
        {
            sb.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(sb, value, indent);
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } o:
                sb.Append('\n');
                WriteMapping(sb, o, indent + 2);
                break;
            case JsonArray { Count: > 0 } a:
                sb.Append('\n');
                foreach (var item in a)
                {
                    sb.Append(' ', indent + 2).Append('-');
                    if (item is JsonObject { Count: > 0 } o)
                    {
                        // "- key: value" with the mapping's other keys under the first.
                        var first = true;
                        foreach (var (key, v) in o)
                        {
                            sb.Append(first ? " " : new string(' ', indent + 4)).Append(Key(key)).Append(':');
                            WriteValue(sb, v, indent + 4);
                            first = false;
                        }
                    }
                    else
                    {
                        WriteValue(sb, item, indent + 2);
                    }
                }
                break;
            case JsonObject:
                sb.Append(" {}\n");
                break;
            case JsonArray:
                sb.Append(" []\n");
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-' or '.') && !key.EndsWith(':')
            ? key
            : JsonSerializer.Serialize(key, Quoting);

    private static string Scalar(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.ToJsonString(),
        _ => JsonSerializer.Serialize(value.ToString(), Quoting),
    };

}
