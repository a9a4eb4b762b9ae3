using Remediation.Tool.Drill;
using Remediation.Tool.Template;

namespace Remediation.Tests.Template;

public class TemplateTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(Repo.PathOf("template.yaml"));

    [Fact]
    public void Cfn_lint_is_clean()
    {
        var (code, output) = ProcessRunner.Run("cfn-lint", "pip install cfn-lint==1.51.0", Repo.Root, "template.yaml");
        Assert.True(code == 0, "cfn-lint template.yaml reported:\n" + output);
    }

    [Fact]
    public void Every_handler_string_resolves_to_a_real_handler_method()
    {
        Assert.NotEmpty(Template.Functions);
        foreach (var f in Template.Functions)
        {
            var method = FunctionInvoker.HandlerMethod(f.Handler);
            Assert.Equal("HandleAsync", method.Name);
            Assert.Equal(typeof(Remediation.Core.Hosting.LambdaEntry), method.DeclaringType); // found on the base, as the runtime finds it
            Assert.StartsWith(f.Handler.Split("::")[0], method.ReflectedType!.Assembly.GetName().Name, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Repo.PathOf(f.CodeUri)), $"{f.LogicalId} CodeUri {f.CodeUri} does not exist");
        }
    }

    [Fact]
    public void Every_function_runs_on_dotnet10_with_a_rule_a_dlq_and_retries()
    {
        Assert.Equal("dotnet10", Template.Root["Globals"]!["Function"]!["Runtime"]!.ToString());
        foreach (var f in Template.Functions)
        {
            Assert.NotEmpty(f.Rules);
            var props = Template.Root["Resources"]![f.LogicalId]!["Properties"]!;
            Assert.NotNull(props["EventInvokeConfig"]?["DestinationConfig"]?["OnFailure"]);
            foreach (var (_, evt) in props["Events"]!.AsObject())
            {
                Assert.NotNull(evt!["Properties"]!["DeadLetterConfig"]);
                Assert.NotNull(evt["Properties"]!["RetryPolicy"]);
            }
        }
    }

    [Fact]
    public void Every_function_has_its_own_policies_and_no_write_on_every_resource()
    {
        foreach (var f in Template.Functions)
        {
            var policies = Template.Root["Resources"]![f.LogicalId]!["Properties"]!["Policies"] as JsonArray;
            Assert.NotNull(policies);
            foreach (var statement in policies.SelectMany(p => p!["Statement"]!.AsArray()))
            {
                var actions = statement!["Action"] is JsonArray a ? a.Select(x => x!.ToString()) : [statement["Action"]!.ToString()];
                Assert.DoesNotContain(actions, x => x.EndsWith(":*", StringComparison.Ordinal) || x == "*");
                if (statement["Resource"] is JsonValue r && r.ToString() == "*")
                {
                    Assert.All(actions, x => Assert.Matches("^[a-z0-9-]+:(Get|List|Describe)", x));
                }
            }
        }
    }

    [Fact]
    public void Every_function_may_read_the_exemption_tag_of_a_principal()
    {
        // FindingGuardrails reads remediation:exempt on the finding's user or role before any write.
        foreach (var f in Template.Functions)
        {
            var policies = (JsonArray)Template.Root["Resources"]![f.LogicalId]!["Properties"]!["Policies"]!;
            var actions = policies.SelectMany(p => p!["Statement"]!.AsArray())
                .SelectMany(st => st!["Action"] is JsonArray a ? a.Select(x => x!.ToString()) : [st["Action"]!.ToString()])
                .ToHashSet(StringComparer.Ordinal);
            Assert.True(actions.Contains("iam:ListUserTags") && actions.Contains("iam:ListRoleTags"), $"{f.LogicalId} cannot read exemption tags");
        }
    }

    [Fact]
    public void Configuration_variables_cover_the_shared_settings()
    {
        foreach (var f in Template.Functions)
        {
            foreach (var name in new[] { "REMEDIATION_MODE", "TOPIC_ARN", "LEDGER_TABLE", "PROTECTED_ROLE_PATTERNS", "EXEMPT_PRINCIPAL_PATTERNS", "BREAKER_MAX_TARGETS", "BREAKER_WINDOW_MINUTES", "MIN_SEVERITY" })
            {
                Assert.True(f.Environment.ContainsKey(name), $"{f.LogicalId} lacks {name}");
            }
        }
    }

    [Fact]
    public void Every_configuration_variable_is_documented_in_the_readme()
    {
        var readme = File.ReadAllText(Repo.PathOf("README.md"));
        foreach (var name in Template.Functions.SelectMany(f => f.Environment.Keys).Distinct())
        {
            Assert.Contains("`" + name + "`", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_quarantine_bucket_is_locked_encrypted_private_and_closed_to_all_but_the_function_and_responders()
    {
        var resources = Template.Root["Resources"]!;
        var bucket = resources["QuarantineBucket"]!["Properties"]!;
        Assert.True(bucket["ObjectLockEnabled"]!.GetValue<bool>());
        Assert.Equal("Enabled", bucket["VersioningConfiguration"]!["Status"]!.ToString());
        var sse = bucket["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!;
        Assert.Equal("aws:kms", sse["SSEAlgorithm"]!.ToString());
        Assert.Contains("QuarantineKey", sse["KMSMasterKeyID"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.All(bucket["PublicAccessBlockConfiguration"]!.AsObject(), p => Assert.True(p.Value!.GetValue<bool>()));
        Assert.Equal("Retain", resources["QuarantineBucket"]!["DeletionPolicy"]!.ToString());
        var deny = resources["QuarantineBucketPolicy"]!["Properties"]!["PolicyDocument"]!["Statement"]![0]!;
        Assert.Equal("Deny", deny["Effect"]!.ToString());
        Assert.Equal("s3:*", deny["Action"]!.ToString());
        var allowed = deny["Condition"]!["ArnNotEquals"]!["aws:PrincipalArn"]!.ToJsonString();
        Assert.Contains("QuarantineS3ObjectFunctionRole", allowed, StringComparison.Ordinal);
        Assert.Contains("ResponderRoleArn", allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void QuarantineS3Object_writes_only_to_object_versions_the_quarantine_bucket_and_the_jobs()
    {
        var function = Template.Functions.Single(f => f.LogicalId == "QuarantineS3ObjectFunction");
        Assert.Contains("QuarantineBucket", function.Environment["QUARANTINE_BUCKET"]!.ToJsonString(), StringComparison.Ordinal);
        var statements = Template.Root["Resources"]!["QuarantineS3ObjectFunction"]!["Properties"]!["Policies"]![0]!["Statement"]!.AsArray();
        foreach (var statement in statements.Where(s => s!["Effect"]!.ToString() == "Allow"))
        {
            var actions = statement!["Action"] is JsonArray a ? a.Select(x => x!.ToString()).ToList() : [statement["Action"]!.ToString()];
            var resource = statement["Resource"]!.ToJsonString();
            if (actions.Any(x => x.StartsWith("s3:Delete", StringComparison.Ordinal)))
            {
                Assert.Contains("aws:ResourceAccount", statement["Condition"]!.ToJsonString(), StringComparison.Ordinal);
            }
            if (actions.Any(x => x.StartsWith("s3:Put", StringComparison.Ordinal)))
            {
                Assert.Contains("QuarantineBucket", resource, StringComparison.Ordinal);
            }
        }
    }
}
