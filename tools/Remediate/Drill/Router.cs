using System.Text.Json;
using Remediation.Tool.Routing;
using Remediation.Tool.Template;

namespace Remediation.Tool.Drill;

/// <summary>Routes an event to the functions whose EventBridge rules in template.yaml match it.</summary>
internal static class Router
{
    public static IReadOnlyList<FunctionDefinition> Route(SamTemplate template, JsonElement evt) =>
        [.. template.Functions.Where(f => f.Rules.Any(r => EventPattern.Parse(r.PatternJson).Matches(evt)))];

    public static FunctionDefinition Named(SamTemplate template, string name) =>
        template.Functions.FirstOrDefault(f => f.Name == name || f.LogicalId == name)
        ?? throw new UsageException($"no function '{name}' in template.yaml (have: {string.Join(", ", template.Functions.Select(f => f.Name))})");
}
