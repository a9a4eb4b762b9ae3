using System.Text.RegularExpressions;
using System.Xml.Linq;
using Remediation.Tool.Template;

namespace Remediation.Tests.Template;

/// <summary>
/// What `sam build` and `sam deploy` need from the repository, by their documented behaviour (neither runs here:
/// no SAM CLI, no Docker). Each test names the rule it checks.
/// </summary>
public sealed partial class DeployReadinessTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(Repo.PathOf("template.yaml"));
    private static readonly string SamConfig = File.ReadAllText(Repo.PathOf("samconfig.toml"));

    private static IEnumerable<(string Id, JsonObject Resource)> Resources() =>
        Template.Root["Resources"]!.AsObject().Select(r => (r.Key, r.Value!.AsObject()));

    /// <summary>
    /// CloudFormation CreateStack/CreateChangeSet "Capabilities": CAPABILITY_IAM for IAM resources (SAM creates a role
    /// per function), CAPABILITY_NAMED_IAM when one has a custom name, CAPABILITY_AUTO_EXPAND for macros other than
    /// the AWS::Serverless transform (sam deploy handles that one through a change set) and nested applications.
    /// </summary>
    [Fact]
    public void Samconfig_grants_every_capability_the_template_needs()
    {
        string[] named = ["RoleName", "ManagedPolicyName", "UserName", "GroupName", "InstanceProfileName"];
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, resource) in Resources())
        {
            var type = resource["Type"]!.ToString();
            var props = resource["Properties"] as JsonObject;
            if (type.StartsWith("AWS::IAM::", StringComparison.Ordinal) || type == "AWS::Serverless::Function")
            {
                needed.Add("CAPABILITY_IAM");
            }
            if (type.StartsWith("AWS::IAM::", StringComparison.Ordinal) && props is not null && named.Any(props.ContainsKey))
            {
                needed.Add("CAPABILITY_NAMED_IAM");
            }
            if (type is "AWS::Serverless::Application" or "AWS::CloudFormation::Stack")
            {
                needed.Add("CAPABILITY_AUTO_EXPAND");
            }
        }
        var transforms = Template.Root["Transform"] is JsonArray list ? list.Select(t => t!.ToString()) : [Template.Root["Transform"]!.ToString()];
        if (transforms.Any(t => t != "AWS::Serverless-2016-10-31"))
        {
            needed.Add("CAPABILITY_AUTO_EXPAND");
        }
        Assert.Contains("CAPABILITY_NAMED_IAM", needed); // DenyAllPolicy has a ManagedPolicyName
        var granted = CapabilitiesLine().Match(SamConfig).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Superset(needed, granted.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// sam deploy sends every template parameter: the ones given as overrides with their value, the others as
    /// UsePreviousValue (aws-sam-cli, samcli/commands/deploy/deploy_context.py, merge_parameters). An override in
    /// samconfig.toml is therefore sent again by every plain `sam deploy`.
    /// </summary>
    [Fact]
    public void Samconfig_pins_no_parameter_so_a_plain_deploy_keeps_the_mode()
    {
        Assert.DoesNotMatch(ParameterOverridesLine(), SamConfig);
        Assert.Equal("dry-run", Template.Root["Parameters"]!["Mode"]!["Default"]!.ToString());
    }

    /// <summary>
    /// Amazon.Lambda.Tools (run by sam build) takes the framework from the command line, aws-lambda-tools-defaults.json,
    /// or the project file's own XML; it does not evaluate Directory.Build.props (aws/aws-extensions-for-dotnet-cli#211,
    /// aws/aws-sam-cli#4907).
    /// </summary>
    [Fact]
    public void Every_function_project_names_its_framework_where_Amazon_Lambda_Tools_reads_it()
    {
        var runtime = Template.Root["Globals"]!["Function"]!["Runtime"]!.ToString();
        var framework = "net" + runtime["dotnet".Length..] + ".0";
        foreach (var f in Template.Functions)
        {
            var dir = Repo.PathOf(f.CodeUri);
            var project = Assert.Single(Directory.GetFiles(dir, "*.csproj"));
            var xml = XDocument.Load(project);
            Assert.Equal(framework, xml.Descendants("TargetFramework").Single().Value);
            using var defaults = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "aws-lambda-tools-defaults.json")));
            Assert.Equal(framework, defaults.RootElement.GetProperty("framework").GetString());
            Assert.Equal(runtime, defaults.RootElement.GetProperty("function-runtime").GetString());
            Assert.Equal(f.Handler, defaults.RootElement.GetProperty("function-handler").GetString());
            Assert.Equal("Release", defaults.RootElement.GetProperty("configuration").GetString());
        }
    }

    [Fact]
    public void Keys_whose_ciphertext_outlives_the_stack_are_retained()
    {
        // AlertsKey encrypts the rotated access keys in Parameter Store; QuarantineKey the evidence (bucket retained).
        foreach (var key in new[] { "AlertsKey", "QuarantineKey" })
        {
            var resource = Template.Root["Resources"]![key]!;
            Assert.Equal("Retain", resource["DeletionPolicy"]!.ToString());
            Assert.Equal("Retain", resource["UpdateReplacePolicy"]!.ToString());
        }
    }

    /// <summary>
    /// EventBridge documents anything-but with a prefix, suffix, wildcard or equals-ignore-case operand as one string
    /// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html); only plain values may be a list.
    /// </summary>
    [Fact]
    public void Anything_but_takes_only_documented_operands()
    {
        var rules = Template.Functions.SelectMany(f => f.Rules).ToList();
        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            foreach (var operand in AnythingButOperands(JsonNode.Parse(rule.PatternJson)))
            {
                if (operand is JsonObject modifier)
                {
                    Assert.All(modifier, m => Assert.True(m.Value is JsonValue, $"{rule.Name}: anything-but {{{m.Key}: list}} is not documented"));
                }
            }
        }
    }

    /// <summary>The rule DLQ's policy names the rules (aws:SourceArn), EventBridge's documented form; every rule is there.</summary>
    [Fact]
    public void The_dead_letter_queue_admits_exactly_the_stacks_rules()
    {
        var output = Path.Combine(Path.GetTempPath(), $"remediation-packaged-{Guid.NewGuid():N}.json");
        try
        {
            var (code, text) = ProcessRunner.Run("python3", "pip install aws-sam-translator", Repo.Root,
                Repo.PathOf("tests", "Deploy", "sam_package.py"), "template.yaml", "code-bucket", output);
            Assert.True(code == 0, text);
            var expanded = JsonNode.Parse(File.ReadAllText(output))!["Resources"]!.AsObject();
            var rulesWithDlq = expanded.Where(r => r.Value!["Type"]!.ToString() == "AWS::Events::Rule"
                    && r.Value["Properties"]!["Targets"]!.AsArray().Any(t => t!["DeadLetterConfig"] is not null))
                .Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(rulesWithDlq);
            var statement = expanded["DeadLetterQueuePolicy"]!["Properties"]!["PolicyDocument"]!["Statement"]![0]!;
            var admitted = statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.AsArray()
                .Select(a => a!["Fn::GetAtt"]![0]!.ToString()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(rulesWithDlq, admitted);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static IEnumerable<JsonNode?> AnythingButOperands(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "anything-but")
                    {
                        yield return value;
                    }
                    foreach (var inner in AnythingButOperands(value))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray a:
                foreach (var inner in a.SelectMany(AnythingButOperands))
                {
                    yield return inner;
                }
                break;
        }
    }

    [GeneratedRegex("""^capabilities\s*=\s*"([^"]*)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex CapabilitiesLine();

    [GeneratedRegex("""^\s*parameter_overrides\s*=""", RegexOptions.Multiline)]
    private static partial Regex ParameterOverridesLine();
}
