using Remediation.Actions.AccessKeys;
using Remediation.Core.Aws.Iam;
using Remediation.RotateKeys;

namespace Remediation.Tests.RotateKeys;

public class AccessKeyPlannerTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly RotateKeysSettings Policy = new("/remediation/access-keys", "alias/remediation-alerts", 7, [], 365, false);
    private static readonly IamUser Bot = new("ml-pipeline-bot", "AIDAQXMLPIPELINEBOT01", "arn:aws:iam::123456789012:user/service/ml-pipeline-bot", "/service/");
    private static readonly Dictionary<string, string> OptedIn = new() { ["remediation:rotate"] = "auto" };
    private static readonly Dictionary<string, string> NotOptedIn = new() { ["team"] = "ml" };

    private static AccessKeyMetadata Key(string id, AccessKeyStatus status, int ageDays = 120) => new("ml-pipeline-bot", id, status, Now.AddDays(-ageDays));

    private static AccessKeyFacts Facts(KeyTrigger trigger, IReadOnlyDictionary<string, string> tags, IReadOnlyList<AccessKeyMetadata> keys,
        RotationParameterInfo? parameter = null, params string[] exposed) =>
        new(trigger, exposed, Bot, tags, keys, parameter, Now);

    private static string[] Kinds(Core.Pipeline.Plan plan) => [.. plan.Actions.Select(a => a.Kind + ":" + (a.Get(AccessKeyActions.AccessKeyId) ?? a.Get(AccessKeyActions.Replaces)))];

    [Fact]
    public void Opted_in_exposed_key_is_rotated_create_then_deactivate()
    {
        var plan = AccessKeyPlanner.Decide(Facts(KeyTrigger.Exposed, OptedIn, [Key("AKIA1", AccessKeyStatus.Active)], exposed: "AKIA1"), Policy);

        Assert.Equal(["iam:CreateAccessKey:AKIA1", "iam:SetAccessKeyStatus:AKIA1"], Kinds(plan));
        var create = plan.Actions[0];
        Assert.Equal("/remediation/access-keys/ml-pipeline-bot", create.Require(AccessKeyActions.ParameterName));
        Assert.Equal("alias/remediation-alerts", create.Require(AccessKeyActions.KmsKeyId));
        Assert.Equal(Bot.Arn, create.Target);
        Assert.Null(plan.Actions[1].Get(AccessKeyActions.OnlyAfterReplacementIn)); // exposed: contained even if the create failed
        Assert.Equal("Inactive", plan.Actions[1].Require(AccessKeyActions.Status));
    }

    [Fact]
    public void Second_inactive_key_is_deleted_first_and_an_active_key_never()
    {
        var plan = AccessKeyPlanner.Decide(Facts(KeyTrigger.Stale, OptedIn, [Key("AKIA1", AccessKeyStatus.Active), Key("AKIA2", AccessKeyStatus.Inactive)]), Policy);

        Assert.Equal(["iam:DeleteAccessKey:AKIA2", "iam:CreateAccessKey:AKIA1", "iam:SetAccessKeyStatus:AKIA1"], Kinds(plan));
        Assert.Equal("/remediation/access-keys/ml-pipeline-bot", plan.Actions[2].Get(AccessKeyActions.OnlyAfterReplacementIn));
        Assert.DoesNotContain(plan.Actions, a => a.Kind == AccessKeyActions.Delete && a.Get(AccessKeyActions.AccessKeyId) == "AKIA1");
    }

    [Fact]
    public void Two_active_keys_stop_a_stale_rotation()
    {
        var plan = AccessKeyPlanner.Decide(Facts(KeyTrigger.Stale, OptedIn, [Key("AKIA1", AccessKeyStatus.Active), Key("AKIA2", AccessKeyStatus.Active)]), Policy);

        Assert.Empty(plan.Actions);
        Assert.Contains("two Active access keys", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_active_keys_still_contain_an_exposed_key_without_a_replacement()
    {
        var plan = AccessKeyPlanner.Decide(Facts(KeyTrigger.Exposed, OptedIn, [Key("AKIA1", AccessKeyStatus.Active), Key("AKIA2", AccessKeyStatus.Active)], exposed: "AKIA1"), Policy);

        Assert.Equal(["iam:SetAccessKeyStatus:AKIA1"], Kinds(plan));
        Assert.Contains("without a replacement", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Not_opted_in_exposed_key_is_deactivated_and_the_owner_told_how_to_opt_in()
    {
        var plan = AccessKeyPlanner.Decide(Facts(KeyTrigger.Exposed, NotOptedIn, [Key("AKIA1", AccessKeyStatus.Active), Key("AKIA2", AccessKeyStatus.Active)], exposed: "AKIA1"), Policy);

        Assert.Equal(["iam:SetAccessKeyStatus:AKIA1"], Kinds(plan)); // only the exposed key, never the user's other key
        Assert.Contains("remediation:rotate=auto", Assert.Single(plan.Skipped), StringComparison.Ordinal);
        Assert.Equal("Deactivated exposed access key AKIA1 of ml-pipeline-bot", plan.Headline.Done);
    }

    [Fact]
    public void Not_opted_in_stale_key_is_reported_only()
    {
        var plan = AccessKeyPlanner.Decide(Facts(KeyTrigger.Stale, NotOptedIn, [Key("AKIA1", AccessKeyStatus.Active, 200)]), Policy);

        Assert.Empty(plan.Actions);
        Assert.Contains("AKIA1 (200 days old)", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Exposed_key_already_inactive_and_replaced_or_gone_is_reported()
    {
        var replaced = new RotationParameterInfo("AKIANEW", "ml-pipeline-bot", "AKIA1", 1);
        Assert.Empty(AccessKeyPlanner.Decide(Facts(KeyTrigger.Exposed, OptedIn, [Key("AKIA1", AccessKeyStatus.Inactive), Key("AKIANEW", AccessKeyStatus.Active)], replaced, "AKIA1"), Policy).Actions);
        Assert.Empty(AccessKeyPlanner.Decide(Facts(KeyTrigger.Exposed, NotOptedIn, [Key("AKIA1", AccessKeyStatus.Inactive)], exposed: "AKIA1"), Policy).Actions);
        Assert.Empty(AccessKeyPlanner.Decide(Facts(KeyTrigger.Exposed, OptedIn, [Key("AKIA9", AccessKeyStatus.Active)], exposed: "AKIA1"), Policy).Actions);
    }

    [Fact]
    public void Exposed_key_of_an_opted_in_user_deactivated_without_a_replacement_gets_its_replacement()
    {
        // What an attempt leaves that deactivated the exposed key and then failed to create the new one.
        var plan = AccessKeyPlanner.Decide(Facts(KeyTrigger.Exposed, OptedIn, [Key("AKIA1", AccessKeyStatus.Inactive)], exposed: "AKIA1"), Policy);
        Assert.Equal([AccessKeyActions.CreateAndStore, AccessKeyActions.SetStatus], plan.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void A_retry_after_our_create_finishes_the_same_rotation()
    {
        var keys = new[] { Key("AKIA1", AccessKeyStatus.Active), Key("AKIANEW", AccessKeyStatus.Active, 0) };
        var parameter = new RotationParameterInfo("AKIANEW", "ml-pipeline-bot", "AKIA1", 1);
        var first = AccessKeyPlanner.Decide(Facts(KeyTrigger.Stale, OptedIn, [Key("AKIA1", AccessKeyStatus.Active)]), Policy);

        var retry = AccessKeyPlanner.Decide(Facts(KeyTrigger.Stale, OptedIn, keys, parameter), Policy);

        Assert.Equal(first.Actions.Select(a => a.Identity), retry.Actions.Select(a => a.Identity)); // same identities: done writes carry over
    }

    [Fact]
    public void A_key_our_rotation_created_today_is_not_rotated_again()
    {
        var keys = new[] { Key("AKIA1", AccessKeyStatus.Inactive), Key("AKIANEW", AccessKeyStatus.Active, 0) };
        var plan = AccessKeyPlanner.Decide(Facts(KeyTrigger.Stale, OptedIn, keys, new RotationParameterInfo("AKIANEW", "ml-pipeline-bot", "AKIA1", 1)), Policy);

        Assert.Empty(plan.Actions);
        Assert.Contains("created by our rotation", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ml-pipeline-bot", "/p/ml-pipeline-bot")]
    [InlineData("a_b", "/p/a__b")]
    [InlineData("svc+etl=1,x@corp", "/p/svc_2Betl_3D1_2Cx_40corp")]
    public void User_names_map_to_valid_distinct_parameter_names(string user, string expected) =>
        Assert.Equal(expected, RotationParameter.NameFor("/p/", user));
}
