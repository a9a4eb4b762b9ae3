using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Remediation.IntegrationTests.Permissions;

/// <summary>One request as IAM authorizes it: the action, the resource ARN and the request context keys.</summary>
public sealed record AccessRequest(string Action, string Resource, IReadOnlyDictionary<string, string[]> Context)
{
    public override string ToString() => $"{Action} on {Resource}" +
        (Context.Count == 0 ? "" : " [" + string.Join(", ", Context.Select(c => $"{c.Key}={string.Join("|", c.Value)}")) + "]");
}

public enum Decision { Allowed, ImplicitDeny, ExplicitDeny }

/// <summary>
/// IAM's evaluation of identity policies, as the IAM User Guide's "Policy evaluation logic" describes it for one account:
/// an explicit Deny wins, otherwise some Allow must match, otherwise the request is implicitly denied. Supports what the
/// template uses: Action/NotAction, Resource/NotResource, '*' and '?' wildcards (actions case-insensitive), and the
/// condition operators below with ForAllValues:/ForAnyValue: and ...IfExists. An operator it does not know fails loudly,
/// so a new condition in template.yaml cannot pass unevaluated.
/// </summary>
public static class IamPolicyEvaluator
{
    public static (Decision Decision, string? Sid) Evaluate(IEnumerable<JsonObject> statements, AccessRequest request)
    {
        string? allowSid = null;
        foreach (var st in statements)
        {
            if (!Applies(st, request))
            {
                continue;
            }
            var sid = st["Sid"]?.ToString() ?? "(no Sid)";
            if (st["Effect"]!.ToString() == "Deny")
            {
                return (Decision.ExplicitDeny, sid);
            }
            allowSid ??= sid;
        }
        return allowSid is null ? (Decision.ImplicitDeny, null) : (Decision.Allowed, allowSid);
    }

    private static bool Applies(JsonObject st, AccessRequest request)
    {
        var actionMatch = st.ContainsKey("NotAction")
            ? !Values(st["NotAction"]).Any(a => Glob(a, request.Action, ignoreCase: true))
            : Values(st["Action"]).Any(a => Glob(a, request.Action, ignoreCase: true));
        var resourceMatch = st.ContainsKey("NotResource")
            ? !Values(st["NotResource"]).Any(r => Glob(r, request.Resource, ignoreCase: false))
            : Values(st["Resource"]).Any(r => Glob(r, request.Resource, ignoreCase: false));
        return actionMatch && resourceMatch && ConditionsHold(st["Condition"] as JsonObject, request.Context);
    }

    private static bool ConditionsHold(JsonObject? condition, IReadOnlyDictionary<string, string[]> context)
    {
        if (condition is null)
        {
            return true;
        }
        foreach (var (op, block) in condition)
        {
            foreach (var (key, expected) in block!.AsObject())
            {
                var actual = context.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
                if (!OperatorHolds(op, Values(expected).ToList(), actual))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static bool OperatorHolds(string op, IReadOnlyList<string> expected, string[]? actual)
    {
        var qualifier = op.Contains(':', StringComparison.Ordinal) ? op[..op.IndexOf(':', StringComparison.Ordinal)] : "";
        var name = qualifier.Length > 0 ? op[(qualifier.Length + 1)..] : op;
        var ifExists = name.EndsWith("IfExists", StringComparison.Ordinal);
        name = ifExists ? name[..^"IfExists".Length] : name;
        var negated = name.Contains("Not", StringComparison.Ordinal);
        Func<string, string, bool> match = name switch
        {
            "StringEquals" or "StringNotEquals" or "ArnEquals" or "ArnNotEquals" or "Bool" => (e, a) => string.Equals(e, a, StringComparison.Ordinal),
            "StringEqualsIgnoreCase" or "StringNotEqualsIgnoreCase" => (e, a) => string.Equals(e, a, StringComparison.OrdinalIgnoreCase),
            "StringLike" or "StringNotLike" or "ArnLike" or "ArnNotLike" => (e, a) => Glob(e, a, ignoreCase: false),
            _ => throw new NotSupportedException($"condition operator {op} is not evaluated by the permission proof; add it"),
        };
        if (actual is null || actual.Length == 0)
        {
            // A key absent from the request: positive operators fail, negated ones and ForAllValues hold, IfExists holds.
            return ifExists || negated || qualifier == "ForAllValues";
        }
        bool One(string a) => negated ? !expected.Any(e => match(e, a)) : expected.Any(e => match(e, a));
        return qualifier switch
        {
            "ForAllValues" => actual.All(One),
            "ForAnyValue" => actual.Any(One),
            _ => actual.Length == 1 ? One(actual[0]) : actual.Any(One),
        };
    }

    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => a.Select(x => x!.ToString()),
        _ => [node.ToString()],
    };

    public static bool Glob(string pattern, string value, bool ignoreCase)
    {
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value, regex, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }
}
