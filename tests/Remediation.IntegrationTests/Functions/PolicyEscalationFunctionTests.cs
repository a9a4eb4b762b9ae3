using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Remediation.Core.Aws.Iam;
using Remediation.Actions.Kms;

namespace Remediation.IntegrationTests.Functions;

/// <summary>
/// Escalations through a group, a policy version and a KMS key, undone exactly in the emulation and rolled back
/// (issue 11, item 10). The world (events/world.json) holds the state just after each event.
/// </summary>
[Collection("LocalAws")]
public sealed class PolicyEscalationFunctionTests : IDisposable
{
    private const string Revoke = "RevokeIamPermissions";
    private const string PipelinePolicy = "arn:aws:iam::123456789012:policy/ml-pipeline-permissions";
    private const string DisabledKey = "5b8e1d40-7a2c-4f96-8e3b-1c9d0a7f6e52";
    private static readonly (string, string) Enforce = ("REMEDIATION_MODE", "enforce");
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly LocalAwsFixture fixture;
    private readonly FunctionHarness harness;
    private readonly RotateKeysHarness rotate;

    public PolicyEscalationFunctionTests(LocalAwsFixture fixture)
    {
        this.fixture = fixture;
        harness = new FunctionHarness(fixture);
        rotate = new RotateKeysHarness(fixture, harness);
    }

    public void Dispose() => harness.Dispose();

    private IIam Iam => harness.Aws.Iam;

    private async Task<IncidentRecord> RollbackAsync(string incidentId)
    {
        var runner = harness.Rollback();
        var record = await runner.RollbackAsync(incidentId, Ct);
        Assert.Equal(IncidentState.RolledBack, record.State);
        return record;
    }

    private async Task<string> DefaultVersionAsync() => (await Iam.GetPolicyAsync(PipelinePolicy, Ct)).DefaultVersionId;

    [Fact]
    public async Task A_user_added_to_an_admin_equivalent_group_is_removed_from_it_the_actor_contained_and_rollback_adds_them_back()
    {
        await harness.ResetAsync();
        Assert.Contains("ml-platform-admins", await Iam.ListGroupsForUserAsync("intern-sam", Ct));

        var invocation = await harness.InvokeAsync(Revoke, await harness.EventTextAsync("cloudtrail/iam-add-user-to-admin-group.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.DoesNotContain("ml-platform-admins", await Iam.ListGroupsForUserAsync("intern-sam", Ct));
        Assert.Contains("ml-engineers", await Iam.ListGroupsForUserAsync("intern-sam", Ct));
        var writes = (await harness.CallsAsync("iam")).Where(c => c.Status == 200 && !c.Operation.StartsWith("Get", StringComparison.Ordinal) && !c.Operation.StartsWith("List", StringComparison.Ordinal));
        Assert.Equal(["RemoveUserFromGroup", "AttachUserPolicy", "UpdateAccessKey"], writes.Select(c => c.Operation));
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Contains("Undid escalation of intern-sam by data-scientist-bob", message.Subject, StringComparison.Ordinal);
        Assert.Contains("ml-platform-ops grants Allow", message.Text, StringComparison.Ordinal);

        await RollbackAsync(invocation.Result.GetProperty("incidentId").GetString()!);
        Assert.Contains("ml-platform-admins", await Iam.ListGroupsForUserAsync("intern-sam", Ct));
    }

    [Fact]
    public async Task A_new_admin_default_version_is_replaced_by_the_previous_default_and_rollback_restores_it()
    {
        await harness.ResetAsync();
        Assert.Equal("v2", await DefaultVersionAsync());

        var invocation = await harness.InvokeAsync(Revoke, await harness.EventTextAsync("cloudtrail/iam-create-policy-version-admin.json"), Enforce);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal("v1", await DefaultVersionAsync());
        var record = (await harness.Ledger().GetAsync(invocation.Result.GetProperty("incidentId").GetString()!, Ct))!;
        Assert.Equal("iam:SetDefaultPolicyVersion", record.Actions[0].Kind);
        Assert.Contains("\"defaultVersionId\":\"v2\"", record.Actions[0].Before, StringComparison.Ordinal);

        await RollbackAsync(record.IncidentId);
        Assert.Equal("v2", await DefaultVersionAsync());
    }

    [Fact]
    public async Task A_default_version_set_back_by_someone_since_the_event_is_left_alone()
    {
        await harness.ResetAsync();
        await Iam.SetDefaultPolicyVersionAsync(PipelinePolicy, "v1", Ct);
        await fixture.ClearCallsAsync();

        var invocation = await harness.InvokeAsync(Revoke, await harness.EventTextAsync("cloudtrail/iam-create-policy-version-admin.json"), Enforce);

        Assert.Equal("v1", await DefaultVersionAsync());
        Assert.DoesNotContain(await harness.CallsAsync("iam"), c => c.Operation == "SetDefaultPolicyVersion");
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Contains("NOT undone", message.Subject, StringComparison.Ordinal);
        Assert.Contains("v2 is no longer the default version", message.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
    }

    [Fact]
    public async Task A_disabled_kms_key_is_enabled_again_and_rollback_disables_it()
    {
        await harness.ResetAsync();
        Assert.Equal(KeyState.Disabled, (await harness.Aws.Kms().DescribeKeyAsync(new DescribeKeyRequest { KeyId = DisabledKey })).KeyMetadata.KeyState);

        var invocation = await rotate.InvokeAsync("cloudtrail/kms-disable-key.json");

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(KeyState.Enabled, (await harness.Aws.Kms().DescribeKeyAsync(new DescribeKeyRequest { KeyId = DisabledKey })).KeyMetadata.KeyState);
        await rotate.Rollback().RollbackAsync(invocation.Result.GetProperty("incidentId").GetString()!, Ct);
        Assert.Equal(KeyState.Disabled, (await harness.Aws.Kms().DescribeKeyAsync(new DescribeKeyRequest { KeyId = DisabledKey })).KeyMetadata.KeyState);
    }

    [Fact]
    public async Task A_key_policy_opened_to_another_account_is_reported_and_nothing_is_written()
    {
        await harness.ResetAsync();

        var invocation = await rotate.InvokeAsync("cloudtrail/kms-put-key-policy-other-account.json");

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.Contains("account 444455556666", invocation.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await harness.CallsAsync("kms"), c => !c.Operation.StartsWith("Describe", StringComparison.Ordinal)
            && !c.Operation.StartsWith("Get", StringComparison.Ordinal) && !c.Operation.StartsWith("List", StringComparison.Ordinal));
        Assert.Contains("opened to account 444455556666", Assert.Single(await harness.PublishedAsync()).Subject, StringComparison.Ordinal);
    }
}
