using System.Text.Json.Nodes;

namespace Remediation.IntegrationTests.Permissions;

/// <summary>The evaluator itself, on IAM's documented rules (IAM User Guide, "Policy evaluation logic", condition operators).</summary>
public sealed class PolicyEvaluatorTests
{
    private static JsonObject S(string json) => JsonNode.Parse(json)!.AsObject();

    private static AccessRequest R(string action, string resource, params (string, string)[] context) =>
        new(action, resource, context.ToDictionary(c => c.Item1, c => new[] { c.Item2 }));

    [Fact]
    public void Nothing_matching_is_an_implicit_deny_and_an_explicit_deny_beats_an_allow()
    {
        var allow = S("""{"Sid":"A","Effect":"Allow","Action":"iam:*User*","Resource":"arn:aws:iam::1:user/*"}""");
        var deny = S("""{"Sid":"D","Effect":"Deny","Action":"iam:DetachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::1:policy/deny-all"}}}""");
        Assert.Equal(Decision.ImplicitDeny, IamPolicyEvaluator.Evaluate([allow], R("iam:GetRole", "arn:aws:iam::1:role/r")).Decision);
        Assert.Equal(Decision.Allowed, IamPolicyEvaluator.Evaluate([allow, deny], R("iam:detachuserpolicy", "arn:aws:iam::1:user/u", ("iam:PolicyARN", "arn:aws:iam::1:policy/other"))).Decision);
        Assert.Equal((Decision.ExplicitDeny, "D"), IamPolicyEvaluator.Evaluate([allow, deny], R("iam:DetachUserPolicy", "arn:aws:iam::1:user/u", ("iam:PolicyARN", "arn:aws:iam::1:policy/deny-all"))));
    }

    [Fact]
    public void A_condition_key_missing_from_the_request_fails_positive_operators_and_holds_negated_ones()
    {
        var tagged = S("""{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/remediation:rotate":"auto"}}}""");
        Assert.Equal(Decision.ImplicitDeny, IamPolicyEvaluator.Evaluate([tagged], R("iam:CreateAccessKey", "arn:aws:iam::1:user/u")).Decision);
        Assert.Equal(Decision.Allowed, IamPolicyEvaluator.Evaluate([tagged], R("iam:CreateAccessKey", "arn:aws:iam::1:user/u", ("aws:ResourceTag/remediation:rotate", "auto"))).Decision);
        var notOn = S("""{"Effect":"Deny","Action":"s3:PutObjectLegalHold","Resource":"*","Condition":{"StringNotEquals":{"s3:object-lock-legal-hold":"ON"}}}""");
        Assert.Equal(Decision.ExplicitDeny, IamPolicyEvaluator.Evaluate([notOn], R("s3:PutObjectLegalHold", "arn:aws:s3:::q/k", ("s3:object-lock-legal-hold", "OFF"))).Decision);
        Assert.Equal(Decision.ImplicitDeny, IamPolicyEvaluator.Evaluate([notOn], R("s3:PutObjectLegalHold", "arn:aws:s3:::q/k", ("s3:object-lock-legal-hold", "ON"))).Decision);
    }

    [Fact]
    public void NotAction_NotResource_and_unknown_operators()
    {
        var notAction = S("""{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret/*"}""");
        Assert.Equal(Decision.Allowed, IamPolicyEvaluator.Evaluate([notAction], R("s3:GetObject", "arn:aws:s3:::open/k")).Decision);
        Assert.Equal(Decision.ImplicitDeny, IamPolicyEvaluator.Evaluate([notAction], R("s3:GetObject", "arn:aws:s3:::secret/k")).Decision);
        Assert.Equal(Decision.ImplicitDeny, IamPolicyEvaluator.Evaluate([notAction], R("iam:GetUser", "arn:aws:s3:::open/k")).Decision);
        var odd = S("""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}""");
        Assert.Throws<NotSupportedException>(() => IamPolicyEvaluator.Evaluate([odd], R("s3:GetObject", "x", ("aws:CurrentTime", "2026"))));
    }
}
