using System.Text.Json.Nodes;

namespace Remediation.Tool.Template;

/// <summary>A function of template.yaml: its handler, code folder, environment and EventBridge rules.</summary>
internal sealed record FunctionDefinition(
    string LogicalId,
    string Name,
    string Handler,
    string CodeUri,
    IReadOnlyDictionary<string, JsonNode?> Environment,
    IReadOnlyList<RuleDefinition> Rules);

/// <summary>One EventBridgeRule event source of a function.</summary>
internal sealed record RuleDefinition(string Name, string PatternJson);

/// <summary>The parts of template.yaml the CLI and tests need.</summary>
internal sealed class SamTemplate
{
    private SamTemplate(JsonObject root, IReadOnlyList<FunctionDefinition> functions)
    {
        Root = root;
        Functions = functions;
    }

    public JsonObject Root { get; }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public static SamTemplate Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new TemplateException($"{path} not found");
        }
        var root = YamlToJson.Load(File.ReadAllText(path));
        var globals = root["Globals"]?["Function"]?["Environment"]?["Variables"] as JsonObject;
        var resources = root["Resources"] as JsonObject ?? throw new TemplateException("template.yaml has no Resources");
        var functions = new List<FunctionDefinition>();
        foreach (var (logicalId, resource) in resources)
        {
            if (resource?["Type"]?.ToString() != "AWS::Serverless::Function")
            {
                continue;
            }
            var props = resource["Properties"] as JsonObject ?? throw new TemplateException($"{logicalId} has no Properties");
            var env = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var source in new[] { globals, props["Environment"]?["Variables"] as JsonObject })
            {
                foreach (var (k, v) in source ?? [])
                {
                    env[k] = v?.DeepClone();
                }
            }
            var rules = new List<RuleDefinition>();
            foreach (var (eventName, evt) in props["Events"] as JsonObject ?? [])
            {
                if (evt?["Type"]?.ToString() is "EventBridgeRule" or "CloudWatchEvent" && evt["Properties"]?["Pattern"] is JsonObject pattern)
                {
                    rules.Add(new RuleDefinition(eventName, pattern.ToJsonString()));
                }
                else if (evt?["Type"]?.ToString() == "Schedule")
                {
                    // A schedule rule delivers "Scheduled Event"s naming the rule, whose generated name holds
                    // <FunctionLogicalId><EventName> (e.g. "remediation-RotateKeysFunctionDailySweep-1A2B3C").
                    var name = evt["Properties"]?["Name"] is JsonValue n && n.TryGetValue<string>(out var given) ? given : logicalId + eventName;
                    var schedule = new JsonObject
                    {
                        ["source"] = new JsonArray("aws.events"),
                        ["detail-type"] = new JsonArray("Scheduled Event"),
                        ["resources"] = new JsonArray(new JsonObject { ["wildcard"] = $"*:rule/*{name}*" }),
                    };
                    rules.Add(new RuleDefinition(eventName, schedule.ToJsonString()));
                }
            }
            functions.Add(new FunctionDefinition(logicalId, NameOf(logicalId),
                props["Handler"]?.ToString() ?? throw new TemplateException($"{logicalId} has no Handler"),
                props["CodeUri"]?.ToString() ?? throw new TemplateException($"{logicalId} has no CodeUri"),
                env, rules));
        }
        return new SamTemplate(root, functions);
    }

    /// <summary>Parameter defaults, as strings.</summary>
    public IReadOnlyDictionary<string, string> ParameterDefaults() =>
        (Root["Parameters"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?["Default"]?.ToString() ?? "", StringComparer.Ordinal);

    /// <summary>"NotifyFunction" is routed and named as "Notify", the playbook's own name.</summary>
    private static string NameOf(string logicalId) =>
        logicalId.EndsWith("Function", StringComparison.Ordinal) && logicalId.Length > "Function".Length ? logicalId[..^"Function".Length] : logicalId;
}
