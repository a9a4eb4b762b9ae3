using System.Text.Json.Nodes;
using Remediation.Core.Accounts;

namespace Remediation.Tool.Template;

/// <summary>
/// member-template.yaml, derived from template.yaml so the two cannot drift: the member role gets each function's own
/// statements (less those about the central ledger, topic and queue), the member's deny-all policy is the central
/// one's document, the quarantine bucket has the central one's properties, and the forwarding rules carry the
/// central rules' patterns for the events that do not reach a delegated administrator by themselves.
/// `remediate member-template` prints it; MemberTemplateTests checks the file is exactly this.
/// </summary>
internal static class MemberTemplate
{
    public const string FileName = "member-template.yaml";

    /// <summary>Statements about central resources (topic, its key, ledger, dead-letter queue): the functions' own roles keep them.</summary>
    public static readonly IReadOnlySet<string> CentralOnlySids = new HashSet<string>(StringComparer.Ordinal)
    {
        "PublishAlerts", "EncryptAlerts", "Ledger", "DeadLetter",
    };

    /// <summary>Central logical ids a member statement may name, and the member resource standing in for each.</summary>
    private static readonly Dictionary<string, string> MemberResourceFor = new(StringComparer.Ordinal)
    {
        ["DenyAllPolicy"] = "DenyAllPolicy",
        ["QuarantineBucket"] = "QuarantineBucket",
        ["QuarantineKey"] = "QuarantineKey",
        // The central key encrypts the topic and the rotated keys' SecureStrings; in a member only the latter.
        ["AlertsKey"] = "RotationKey",
    };

    // GuardDuty and Macie findings of members reach the delegated administrator's bus already.
    private static readonly HashSet<string> ReachTheAdministrator = new(StringComparer.Ordinal) { "GuardDuty Finding", "Macie Finding" };

    private const string Header = """
        # GENERATED from template.yaml by `dotnet run --project tools/Remediate -- member-template > member-template.yaml`.
        # Do not edit: MemberTemplateTests fails when this file and template.yaml disagree.
        # The member stack of organization mode (README "Deploy to an organization"): deploy it to every member account,
        # e.g. with a service-managed StackSet, in us-east-1 (IAM's CloudTrail events reach EventBridge only there) and
        # in each region the central stack should hear from.

        """;

    public static string Render(SamTemplate central)
    {
        ArgumentNullException.ThrowIfNull(central);
        return YamlWriter.Write(Build(central), Header.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    public static JsonObject Build(SamTemplate central)
    {
        ArgumentNullException.ThrowIfNull(central);
        var root = central.Root;
        var resources = root["Resources"]!.AsObject();
        var member = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = "Remediation member stack: the role the central functions act through, the member's deny-all policy and quarantine bucket, and forwarding of CloudTrail, Config and Health events to the central bus.",
            ["Parameters"] = Parameters(root),
            ["Conditions"] = new JsonObject
            {
                ["HasOrganization"] = Not(Equals(Ref("OrganizationId"), "")),
                ["HasResponderRole"] = Not(Equals(Ref("ResponderRoleArn"), "")),
                ["IsIamRegion"] = Equals(Ref("AWS::Region"), "us-east-1"),
            },
        };
        var memberResources = new JsonObject
        {
            ["MemberRole"] = MemberRole(),
        };
        foreach (var function in central.Functions)
        {
            memberResources[$"{function.Name}Permissions"] = Permissions(function, resources);
        }
        memberResources["DenyAllPolicy"] = DenyAllPolicy(resources);
        memberResources["RotationKey"] = Key("Encrypts the access keys RotateKeys stores in this account's Parameter Store.");
        memberResources["RotationKeyAlias"] = Alias(MemberStackNames.RotationKeyAlias, "RotationKey");
        memberResources["QuarantineKey"] = Key("Encrypts the evidence in this account's Remediation quarantine bucket.");
        memberResources["QuarantineKeyAlias"] = Alias(MemberStackNames.QuarantineKeyAlias, "QuarantineKey");
        memberResources["QuarantineBucket"] = QuarantineBucket(resources);
        memberResources["QuarantineBucketPolicy"] = QuarantineBucketPolicy(resources);
        memberResources["ForwardingRole"] = ForwardingRole();
        foreach (var (name, rule) in ForwardingRules(central))
        {
            memberResources[name] = rule;
        }
        member["Resources"] = memberResources;
        member["Outputs"] = new JsonObject
        {
            ["MemberRoleArn"] = new JsonObject { ["Value"] = GetAtt("MemberRole.Arn") },
            ["QuarantineBucketName"] = new JsonObject { ["Value"] = Ref("QuarantineBucket") },
        };
        return member;
    }

    private static JsonObject Parameters(JsonObject central)
    {
        var parameters = new JsonObject
        {
            ["CentralFunctionRoleArns"] = new JsonObject
            {
                ["Type"] = "CommaDelimitedList",
                ["Description"] = "The central stack's FunctionRoleArns output: the only principals the member role trusts.",
            },
            ["CentralEventBusArn"] = new JsonObject
            {
                ["Type"] = "String",
                ["AllowedPattern"] = "^arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/.+$",
                ["Description"] = "The central account's default event bus (its stack's region), which receives the forwarded events.",
            },
            ["OrganizationId"] = new JsonObject
            {
                ["Type"] = "String",
                ["Default"] = "",
                ["AllowedPattern"] = "^$|^o-[a-z0-9]{10,32}$",
                ["Description"] = "When set, the member role also requires the caller to be in this organization (aws:PrincipalOrgID).",
            },
            ["ResponderRoleArn"] = new JsonObject
            {
                ["Type"] = "String",
                ["Default"] = "",
                ["Description"] = "Optional central role responders run `remediate rollback` with; the member role trusts it too, so rollback acts here.",
            },
            ["MemberRoleName"] = central["Parameters"]!["MemberRoleName"]!.DeepClone(),
            ["RotationParameterPrefix"] = central["Parameters"]!["RotationParameterPrefix"]!.DeepClone(),
        };
        return parameters;
    }

    private static JsonObject MemberRole() => new()
    {
        ["Type"] = "AWS::IAM::Role",
        ["Properties"] = new JsonObject
        {
            ["RoleName"] = Ref("MemberRoleName"),
            ["Path"] = MemberStackNames.RolePath,
            // A role-chained session lasts at most an hour whatever this says (IAM User Guide, "Role chaining").
            ["MaxSessionDuration"] = MemberSessions.SessionSeconds,
            ["AssumeRolePolicyDocument"] = new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray(new JsonObject
                {
                    ["Sid"] = "OnlyTheCentralFunctionsAndResponders",
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject
                    {
                        ["AWS"] = If("HasResponderRole",
                            new JsonObject { ["Fn::Split"] = new JsonArray(",", new JsonObject
                            {
                                ["Fn::Join"] = new JsonArray(",", new JsonArray(new JsonObject { ["Fn::Join"] = new JsonArray(",", Ref("CentralFunctionRoleArns")) }, Ref("ResponderRoleArn"))),
                            }) },
                            Ref("CentralFunctionRoleArns")),
                    },
                    ["Action"] = "sts:AssumeRole",
                    ["Condition"] = If("HasOrganization",
                        new JsonObject { ["StringEquals"] = new JsonObject { ["aws:PrincipalOrgID"] = Ref("OrganizationId") } },
                        Ref("AWS::NoValue")),
                }),
            },
        },
    };

    /// <summary>One managed policy per function (a role's inline policies share 10,240 characters; a managed policy has 6,144 of its own).</summary>
    private static JsonObject Permissions(FunctionDefinition function, JsonObject resources)
    {
        var statements = new JsonArray();
        foreach (var policy in resources[function.LogicalId]!["Properties"]!["Policies"]!.AsArray())
        {
            foreach (var statement in policy!["Statement"]!.AsArray())
            {
                if (!CentralOnlySids.Contains(statement!["Sid"]?.ToString() ?? ""))
                {
                    statements.Add(ForMember(statement.DeepClone(), function.Name));
                }
            }
        }
        return new JsonObject
        {
            ["Type"] = "AWS::IAM::ManagedPolicy",
            ["Properties"] = new JsonObject
            {
                ["Path"] = MemberStackNames.RolePath,
                ["Description"] = $"What {function.Name} may do in this account (its statements in template.yaml, less the central ones).",
                ["Roles"] = new JsonArray(Ref("MemberRole")),
                ["PolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements },
            },
        };
    }

    /// <summary>Renames the central resources a statement names to the member's; any other resource is an error.</summary>
    private static JsonNode? ForMember(JsonNode? node, string function) => node switch
    {
        JsonObject o when o.Count == 1 && o["Ref"] is JsonValue r => Ref(MemberName(r.ToString(), function)),
        JsonObject o when o.Count == 1 && o["Fn::GetAtt"] is { } g => GetAtt(MemberAttribute(g, function)),
        JsonObject o when o.Count == 1 && o["Fn::Sub"] is JsonValue sub => new JsonObject { ["Fn::Sub"] = RenameInSub(sub.ToString(), function) },
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, ForMember(kv.Value?.DeepClone(), function)))),
        JsonArray a => new JsonArray([.. a.Select(x => ForMember(x?.DeepClone(), function))]),
        _ => node,
    };

    private static string MemberName(string logicalId, string function) =>
        logicalId.StartsWith("AWS::", StringComparison.Ordinal) || logicalId == "RotationParameterPrefix" ? logicalId
        : MemberResourceFor.TryGetValue(logicalId, out var member) ? member
        : throw new TemplateException($"{function}'s statement names {logicalId}, which the member stack does not have");

    private static string MemberAttribute(JsonNode getAtt, string function)
    {
        var text = getAtt is JsonArray a ? string.Join('.', a.Select(x => x!.ToString())) : getAtt.ToString();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return MemberName(text[..dot], function) + text[dot..];
    }

    private static string RenameInSub(string template, string function)
    {
        var result = new System.Text.StringBuilder();
        var at = 0;
        while (template.IndexOf("${", at, StringComparison.Ordinal) is var start and >= 0)
        {
            var end = template.IndexOf('}', start);
            var name = template[(start + 2)..end];
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var renamed = dot < 0 ? MemberName(name, function) : MemberName(name[..dot], function) + name[dot..];
            result.Append(template, at, start - at).Append("${").Append(renamed).Append('}');
            at = end + 1;
        }
        return result.Append(template, at, template.Length - at).ToString();
    }

    private static JsonObject DenyAllPolicy(JsonObject central)
    {
        var props = central["DenyAllPolicy"]!["Properties"]!;
        return new JsonObject
        {
            ["Type"] = "AWS::IAM::ManagedPolicy",
            ["Properties"] = new JsonObject
            {
                ["ManagedPolicyName"] = MemberStackNames.DenyAllPolicyName,
                ["Path"] = MemberStackNames.RolePath,
                ["Description"] = props["Description"]!.DeepClone(),
                ["PolicyDocument"] = props["PolicyDocument"]!.DeepClone(),
            },
        };
    }

    private static JsonObject Key(string description) => new()
    {
        ["Type"] = "AWS::KMS::Key",
        ["DeletionPolicy"] = "Retain",
        ["UpdateReplacePolicy"] = "Retain",
        ["Properties"] = new JsonObject
        {
            ["Description"] = description,
            ["EnableKeyRotation"] = true,
            ["KeyPolicy"] = new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray(new JsonObject
                {
                    ["Sid"] = "AccountAdministers",
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["AWS"] = Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root") },
                    ["Action"] = "kms:*",
                    ["Resource"] = "*",
                }),
            },
        },
    };

    private static JsonObject Alias(string alias, string key) => new()
    {
        ["Type"] = "AWS::KMS::Alias",
        ["Properties"] = new JsonObject { ["AliasName"] = alias, ["TargetKeyId"] = Ref(key) },
    };

    private static JsonObject QuarantineBucket(JsonObject central)
    {
        var bucket = central["QuarantineBucket"]!.DeepClone().AsObject();
        var props = bucket["Properties"]!.AsObject();
        var named = new JsonObject { ["BucketName"] = Sub(MemberStackNames.QuarantineBucket("${AWS::AccountId}", "${AWS::Region}")) };
        foreach (var (k, v) in props)
        {
            named[k] = ForMember(v?.DeepClone(), "QuarantineBucket");
        }
        bucket["Properties"] = named;
        return bucket;
    }

    /// <summary>The central bucket policy's transport rule; who may write and delete evidence is the member role's own Deny statements.</summary>
    private static JsonObject QuarantineBucketPolicy(JsonObject central)
    {
        var statements = central["QuarantineBucketPolicy"]!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Where(s => s!["Sid"]?.ToString() == "DenyInsecureTransport")
            .Select(s => ForMember(s!.DeepClone(), "QuarantineBucketPolicy"));
        return new JsonObject
        {
            ["Type"] = "AWS::S3::BucketPolicy",
            ["Properties"] = new JsonObject
            {
                ["Bucket"] = Ref("QuarantineBucket"),
                ["PolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) },
            },
        };
    }

    private static JsonObject ForwardingRole() => new()
    {
        ["Type"] = "AWS::IAM::Role",
        ["Properties"] = new JsonObject
        {
            ["Path"] = MemberStackNames.RolePath,
            ["AssumeRolePolicyDocument"] = new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray(new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["Service"] = "events.amazonaws.com" },
                    ["Action"] = "sts:AssumeRole",
                    ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["aws:SourceAccount"] = Ref("AWS::AccountId") } },
                }),
            },
            ["Policies"] = new JsonArray(new JsonObject
            {
                ["PolicyName"] = "forward-to-central-bus",
                ["PolicyDocument"] = new JsonObject
                {
                    ["Version"] = "2012-10-17",
                    ["Statement"] = new JsonArray(new JsonObject
                    {
                        ["Sid"] = "PutOnTheCentralBusOnly",
                        ["Effect"] = "Allow",
                        ["Action"] = "events:PutEvents",
                        ["Resource"] = Ref("CentralEventBusArn"),
                    }),
                },
            }),
        },
    };

    /// <summary>
    /// One rule per event source and type the central rules listen to, except findings that reach the administrator
    /// and the central schedule:
    /// a type only one central rule uses is forwarded with that rule's pattern, one several rules use is forwarded
    /// whole, so each event crosses once. A cross-account bus target needs a role (EventBridge User Guide,
    /// "Sending and receiving events between AWS accounts").
    /// </summary>
    private static IEnumerable<(string Name, JsonObject Rule)> ForwardingRules(SamTemplate central)
    {
        var patterns = central.Functions.SelectMany(f => f.Rules).Select(r => JsonNode.Parse(r.PatternJson)!.AsObject())
            .Select(p => (Source: p["source"]![0]!.ToString(), Type: p["detail-type"]![0]!.ToString(), Pattern: p))
            .Where(p => !ReachTheAdministrator.Contains(p.Type) && p.Source != "aws.events")
            .GroupBy(p => (p.Source, p.Type));
        foreach (var group in patterns.OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Type, StringComparer.Ordinal))
        {
            var (source, type) = group.Key;
            var pattern = group.Count() == 1
                ? group.Single().Pattern.DeepClone().AsObject()
                : new JsonObject { ["source"] = new JsonArray(source), ["detail-type"] = new JsonArray(type) };
            var rule = new JsonObject
            {
                ["Type"] = "AWS::Events::Rule",
                ["Properties"] = new JsonObject
                {
                    ["Description"] = $"Forwards {source} \"{type}\" events to the central Remediation stack.",
                    ["EventPattern"] = pattern,
                    ["Targets"] = new JsonArray(new JsonObject
                    {
                        ["Id"] = "central-bus",
                        ["Arn"] = Ref("CentralEventBusArn"),
                        ["RoleArn"] = GetAtt("ForwardingRole.Arn"),
                    }),
                },
            };
            if (source == "aws.iam")
            {
                // IAM's CloudTrail events reach EventBridge in us-east-1 only.
                rule["Condition"] = "IsIamRegion";
            }
            yield return ("Forward" + Pascal(source.Replace("aws.", "", StringComparison.Ordinal)) + Pascal(type), rule);
        }
    }

    private static string Pascal(string text) =>
        string.Concat(text.Split([' ', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static JsonObject Ref(string name) => new() { ["Ref"] = name };

    // The list form, which every CloudFormation reader accepts (moto's reads only it).
    private static JsonObject GetAtt(string attribute) =>
        new() { ["Fn::GetAtt"] = new JsonArray([.. attribute.Split('.', 2).Select(p => (JsonNode)p)]) };

    private static JsonObject Sub(string text) => new() { ["Fn::Sub"] = text };

    private static JsonObject Not(JsonNode condition) => new() { ["Fn::Not"] = new JsonArray(condition) };

    private static JsonObject Equals(JsonNode left, string right) => new() { ["Fn::Equals"] = new JsonArray(left, right) };

    private static JsonObject If(string condition, JsonNode then, JsonNode otherwise) =>
        new() { ["Fn::If"] = new JsonArray(condition, then, otherwise) };
}
