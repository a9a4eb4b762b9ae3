using System.Text.Json;
using Remediation.Tool.Routing.Matchers;

namespace Remediation.Tool.Routing;

/// <summary>Parses one operator object of a leaf, e.g. <c>{"prefix":"us-"}</c> or <c>{"numeric":["&gt;",0]}</c>.</summary>
internal static class OperatorParser
{
    /// <summary>Returns an <see cref="IValueMatcher"/> or an <see cref="ExistsRule"/>.</summary>
    public static object Parse(JsonElement obj, string path)
    {
        var (name, value) = SingleProperty(obj, path);
        var operatorPath = $"{path}.{name}";
        return name switch
        {
            "exists" => value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? new ExistsRule(value.GetBoolean())
                : throw PatternError.At(operatorPath, "exists takes true or false"),
            "prefix" => new PrefixMatcher(StringOrIgnoreCase(value, operatorPath, out var prefixIgnoresCase), prefixIgnoresCase),
            "suffix" => new SuffixMatcher(StringOrIgnoreCase(value, operatorPath, out var suffixIgnoresCase), suffixIgnoresCase),
            "equals-ignore-case" => new EqualsIgnoreCaseMatcher(RequireString(value, operatorPath)),
            "wildcard" => WildcardMatcher.Create(RequireString(value, operatorPath), operatorPath),
            "numeric" => NumericRangeMatcher.Create(value, operatorPath),
            "cidr" => CidrMatcher.Create(RequireString(value, operatorPath), operatorPath),
            "anything-but" => new AnythingButMatcher(ParseAnythingBut(value, operatorPath)),
            _ => throw PatternError.At(operatorPath, $"unknown operator '{name}'"),
        };
    }

    private static IValueMatcher ParseAnythingBut(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
            case JsonValueKind.Number:
                return new ExactValueMatcher(value.Clone());
            case JsonValueKind.Array:
                var values = value.EnumerateArray().Select(v => v.Clone()).ToList();
                var allStrings = values.TrueForAll(v => v.ValueKind == JsonValueKind.String);
                var allNumbers = values.TrueForAll(v => v.ValueKind == JsonValueKind.Number);
                if (values.Count == 0 || !(allStrings || allNumbers))
                {
                    throw PatternError.At(path, "anything-but takes a non-empty list of only strings or only numbers");
                }
                return new AnyOfMatcher([.. values.Select(v => new ExactValueMatcher(v))]);
            case JsonValueKind.Object:
                var (name, inner) = SingleProperty(value, path);
                var innerPath = $"{path}.{name}";
                return name switch
                {
                    "prefix" => new PrefixMatcher(RequireString(inner, innerPath), ignoreCase: false),
                    "suffix" => new SuffixMatcher(RequireString(inner, innerPath), ignoreCase: false),
                    "equals-ignore-case" => StringOrStringList(inner, innerPath, v => new EqualsIgnoreCaseMatcher(v)),
                    "wildcard" => StringOrStringList(inner, innerPath, v => WildcardMatcher.Create(v, innerPath)),
                    _ => throw PatternError.At(innerPath, $"anything-but does not support '{name}'"),
                };
            default:
                throw PatternError.At(path, "anything-but takes a string, a number, a list of them, or a prefix/suffix/equals-ignore-case/wildcard object");
        }
    }

    private static IValueMatcher StringOrStringList(JsonElement value, string path, Func<string, IValueMatcher> create)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return create(value.GetString()!);
        }
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
            && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            return new AnyOfMatcher([.. value.EnumerateArray().Select(v => create(v.GetString()!))]);
        }
        throw PatternError.At(path, "expects a string or a non-empty list of strings");
    }

    private static string StringOrIgnoreCase(JsonElement value, string path, out bool ignoreCase)
    {
        ignoreCase = false;
        if (value.ValueKind == JsonValueKind.Object)
        {
            var (name, inner) = SingleProperty(value, path);
            if (name != "equals-ignore-case")
            {
                throw PatternError.At($"{path}.{name}", "only equals-ignore-case may be nested here");
            }
            ignoreCase = true;
            return RequireString(inner, $"{path}.{name}");
        }
        return RequireString(value, path);
    }

    private static string RequireString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw PatternError.At(path, "expects a string");

    private static (string Name, JsonElement Value) SingleProperty(JsonElement obj, string path)
    {
        var properties = obj.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            throw PatternError.At(path, "an operator object must have exactly one key");
        }
        return (properties[0].Name, properties[0].Value);
    }
}
