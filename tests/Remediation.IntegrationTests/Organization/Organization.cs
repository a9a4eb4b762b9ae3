using System.Text.Json.Nodes;
using Amazon.SecurityToken.Model;
using Remediation.Core.Aws;
using Remediation.IntegrationTests.Deploy;
using Remediation.IntegrationTests.Functions;
using Remediation.Tool.Local;

namespace Remediation.IntegrationTests.Organization;

/// <summary>
/// Three accounts in the emulation: the central (security) account where the functions run, a configured member with
/// member-template.yaml deployed, and an account that is neither. Each is seeded with the same world
/// (events/world.json), bucket names suffixed because S3 bucket names are global.
/// </summary>
internal sealed class Organization(LocalAwsFixture fixture, FunctionHarness harness)
{
    public const string Central = "123456789012";
    public const string Member = "210987654321";
    public const string Outsider = "333333333333";

    /// <summary>The member stack's outputs and resources as deployed.</summary>
    public JsonElement MemberStack { get; private set; }

    /// <summary>Fresh emulation: the central world and stack, the member's and the outsider's worlds, the member stack.</summary>
    public async Task ResetAsync()
    {
        await harness.ResetAsync();
        var world = await harness.EventTextAsync("world.json");
        foreach (var account in new[] { Member, Outsider })
        {
            await fixture.SeedAsync(WorldIn(world, account));
        }
        MemberStack = await DeployMemberStackAsync();
        // moto applies the quarantine bucket's DenyInsecureTransport to the emulation's plain-HTTP endpoint, which no
        // request could pass; the policy's rule is checked by MemberTemplateTests and the deploy above.
        var member = await ClientsInAsync(Member);
        await member.S3.DeleteBucketPolicyAsync(new Amazon.S3.Model.DeleteBucketPolicyRequest { BucketName = Core.Accounts.MemberStackNames.QuarantineBucket(Member, "us-east-1") });
        await fixture.ClearCallsAsync();
    }

    /// <summary>The world or event text as it reads in another account (ids and bucket names).</summary>
    public static string WorldIn(string text, string account) =>
        text.Replace(Central, account, StringComparison.Ordinal).Replace("ml-training-data", Bucket(account), StringComparison.Ordinal);

    /// <summary>The seeded training-data bucket of an account.</summary>
    public static string Bucket(string account) => account == Central ? "ml-training-data" : $"ml-training-data-{account}";

    /// <summary>
    /// A sample event as the same event about another account: its detail (and resources) name that account. A finding a
    /// delegated administrator receives keeps the administrator in the envelope; an event the member forwards keeps
    /// its own account there, as EventBridge does when it forwards between buses.
    /// </summary>
    public static string EventAbout(string eventText, string account, bool forwardedByMember)
    {
        var root = JsonNode.Parse(eventText)!.AsObject();
        root["detail"] = JsonNode.Parse(WorldIn(root["detail"]!.ToJsonString(), account));
        root["resources"] = JsonNode.Parse(WorldIn(root["resources"]!.ToJsonString(), account));
        if (forwardedByMember)
        {
            root["account"] = account;
        }
        return root.ToJsonString();
    }

    /// <summary>Clients acting in an account, as an administrator there (OrganizationAccountAccessRole).</summary>
    public async Task<AwsClientFactory> ClientsInAsync(string account)
    {
        if (account == Central)
        {
            return harness.Aws;
        }
        return await LocalMemberStack.AdministratorAsync(harness.Aws, account, CancellationToken.None);
    }

    /// <summary>The AWS CLI as an administrator of the account (moto resolves the account from the access key).</summary>
    public async Task CliInAsync(string account, params string[] arguments)
    {
        var (code, _, stderr) = await AwsCli.RunAsAsync(fixture.EndpointUrl, (await AdministratorAsync(account)).AccessKeyId, arguments);
        Assert.True(code == 0, stderr);
    }

    private async Task<Credentials> AdministratorAsync(string account) =>
        (await harness.Aws.Sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
            RoleSessionName = "test-observer",
        })).Credentials;

    /// <summary>The environment of organization mode with this member.</summary>
    public static (string, string)[] Env(params (string, string)[] more) =>
        [("REMEDIATION_MODE", "enforce"), ("MEMBER_ACCOUNTS", Member), .. more];

    /// <summary>member-template.yaml into the member account, as a StackSet instance would be.</summary>
    private async Task<JsonElement> DeployMemberStackAsync()
    {
        var output = await DeployScript.RunAsync(fixture, "member-template.yaml", "remediation-member", Member,
            $"CentralFunctionRoleArns=arn:aws:iam::{Central}:role/remediation/remediation-RevokeIamPermissionsFunctionRole-TEST",
            $"CentralEventBusArn=arn:aws:events:us-east-1:{Central}:event-bus/default");
        var report = JsonDocument.Parse(output).RootElement.Clone();
        Assert.Equal("CREATE_COMPLETE", report.GetProperty("status").GetString());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        return report;
    }
}
