using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Microsoft.Extensions.Time.Testing;
using Remediation.Core.Aws.Iam;
using static Remediation.IntegrationTests.Functions.RotateKeysHarness;
using Remediation.Actions.Kms;

namespace Remediation.IntegrationTests.Functions;

[Collection("LocalAws")]
public sealed class RotateKeysFunctionTests : IDisposable
{
    private const string RotationOffKey = "7f3c9a2e-51d4-4b8e-9c6a-2d1e0f4b8a73";
    private const string PendingDeletionKey = "9d4b2f61-0c8e-4a37-b5d9-3e1f7a6c2b80";

    private readonly LocalAwsFixture fixture;
    private readonly FunctionHarness harness;
    private readonly RotateKeysHarness rotate;

    public RotateKeysFunctionTests(LocalAwsFixture fixture)
    {
        this.fixture = fixture;
        harness = new FunctionHarness(fixture);
        rotate = new RotateKeysHarness(fixture, harness);
    }

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Opted_in_user_with_one_key_gets_a_new_active_key_in_a_secure_string_and_the_old_one_inactive()
    {
        await harness.ResetAsync();
        var invocation = await rotate.InvokeAsync(OptedInHealth);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        var keys = await rotate.KeysAsync(Bot);
        Assert.Equal(2, keys.Count);
        Assert.Equal(AccessKeyStatus.Inactive, keys[BotKey]);
        var newKey = Assert.Single(keys, k => k.Key != BotKey);
        Assert.Equal(AccessKeyStatus.Active, newKey.Value);
        var parameter = await rotate.ParameterAsync(BotParameter);
        Assert.NotNull(parameter);
        Assert.Equal("SecureString", parameter.Value.Type);
        Assert.Equal(newKey.Key, parameter.Value.AccessKeyId);
        Assert.False(string.IsNullOrEmpty(parameter.Value.Secret));
        Assert.Contains(harness.Stack!.KeyId, parameter.Value.KmsKeyId ?? "", StringComparison.Ordinal);
        // The new key is stored before the old one is switched off: the cut-over order.
        var writes = (await harness.CallsAsync()).Where(c => c.Operation is "CreateAccessKey" or "PutParameter" or "UpdateAccessKey").Select(c => c.Operation);
        Assert.Equal(["CreateAccessKey", "PutParameter", "UpdateAccessKey"], writes);
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Contains("Rotated exposed access key AKIAQXMLPIPELINE0001 of ml-pipeline-bot", message.Subject, StringComparison.Ordinal);
        Assert.Contains(newKey.Key, message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opted_in_user_with_two_keys_loses_the_inactive_one_first_and_keeps_the_active_one_until_the_cut_over()
    {
        await harness.ResetAsync(WorldWithInactiveSecondKey(await harness.EventTextAsync("world.json")));
        var invocation = await rotate.InvokeAsync(OptedInHealth);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        var iam = (await harness.CallsAsync("iam")).Where(c => c.Operation is "DeleteAccessKey" or "CreateAccessKey" or "UpdateAccessKey").ToList();
        Assert.Equal(["DeleteAccessKey", "CreateAccessKey", "UpdateAccessKey"], iam.Select(c => c.Operation));
        Assert.Equal("AKIAQXMLPIPELINE0002", iam[0].Parameters.GetProperty("AccessKeyId").GetString());
        var keys = await rotate.KeysAsync(Bot);
        Assert.DoesNotContain("AKIAQXMLPIPELINE0002", keys.Keys);
        Assert.Equal(AccessKeyStatus.Inactive, keys[BotKey]);
        Assert.Single(keys, k => k.Value == AccessKeyStatus.Active);
    }

    [Fact]
    public async Task Opted_in_user_with_two_active_keys_is_reported_and_not_rotated_when_stale()
    {
        // etl-service-user has two Active keys; opt it in and send its stale-key Config event.
        var world = await harness.EventTextAsync("world.json");
        var optedIn = world.Replace("\"team\": \"data-platform\"", "\"team\": \"data-platform\", \"remediation:rotate\": \"auto\"", StringComparison.Ordinal);
        Assert.NotEqual(world, optedIn);
        await harness.ResetAsync(optedIn);
        var invocation = await rotate.InvokeAsync("config/access-keys-rotated-noncompliant.json");

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        Assert.DoesNotContain(await harness.CallsAsync("iam"), c => c.Operation is "CreateAccessKey" or "UpdateAccessKey" or "DeleteAccessKey");
        Assert.Contains("two Active access keys", Assert.Single(await harness.PublishedAsync()).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NotOptedInHealth)]
    [InlineData("health/credentials-compromised-not-opted-in.json")]
    public async Task Not_opted_in_user_hit_by_the_health_event_has_the_key_deactivated_and_no_new_key(string healthEvent)
    {
        await harness.ResetAsync();
        var invocation = await rotate.InvokeAsync(healthEvent);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(new Dictionary<string, AccessKeyStatus> { ["AKIAQXDATASCIBOB0001"] = AccessKeyStatus.Inactive }, await rotate.KeysAsync("data-scientist-bob"));
        Assert.DoesNotContain(await harness.CallsAsync(), c => c.Operation is "CreateAccessKey" or "PutParameter");
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Contains("remediation:rotate=auto", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_key_of_a_user_not_opted_in_gets_a_notification_only()
    {
        await harness.ResetAsync();
        var invocation = await rotate.InvokeAsync("config/access-keys-rotated-noncompliant.json");

        Assert.Equal(IncidentOutcome.Skipped, invocation.Outcome);
        var writes = (await harness.CallsAsync()).Where(c => c.Service is "iam" or "ssm" or "kms" && !c.Operation.StartsWith("List", StringComparison.Ordinal)
            && !c.Operation.StartsWith("Describe", StringComparison.Ordinal) && !c.Operation.StartsWith("Get", StringComparison.Ordinal));
        Assert.Empty(writes);
        var message = Assert.Single(await harness.PublishedAsync());
        Assert.Contains("etl-service-user", message.Text, StringComparison.Ordinal);
        Assert.Contains("remediation:rotate=auto", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_key_of_an_opted_in_user_found_by_user_id_is_rotated()
    {
        await harness.ResetAsync();
        var invocation = await rotate.InvokeAsync("config/iam-user-unused-credentials-noncompliant.json");

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(AccessKeyStatus.Inactive, (await rotate.KeysAsync(Bot))[BotKey]);
        Assert.NotNull(await rotate.ParameterAsync(BotParameter));
    }

    [Fact]
    public async Task Sweep_deletes_only_keys_we_rotated_out_and_only_after_the_grace_period()
    {
        await harness.ResetAsync();
        Assert.Equal(IncidentOutcome.Remediated, (await rotate.InvokeAsync(OptedInHealth)).Outcome);      // bot: rotated out by us
        Assert.Equal(IncidentOutcome.Remediated, (await rotate.InvokeAsync(NotOptedInHealth)).Outcome);   // bob: deactivated, never rotated
        var sweepEvent = await harness.EventTextAsync("schedule/rotate-keys-daily-sweep.json");
        var enforce = ("REMEDIATION_MODE", "enforce");

        var early = await rotate.RunAsync(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(6)), sweepEvent, enforce);
        Assert.Equal("skipped", early.GetProperty("outcome").GetString());
        Assert.Contains("no rotated-out access key", early.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(BotKey, (await rotate.KeysAsync(Bot)).Keys);

        // Nothing due is recorded (the sweep ran) but not published; the firing is done.
        var quiet = await harness.Ledger().GetAsync(early.GetProperty("incidentId").GetString()!, CancellationToken.None);
        Assert.Equal(IncidentOutcome.Skipped, quiet!.Outcome);
        Assert.DoesNotContain(await harness.PublishedAsync(), m => m.Subject.Contains("rotated-out", StringComparison.Ordinal));

        await fixture.ClearCallsAsync();
        // Two days later: the next firing, with an id of its own (docs/aws-reference.md §A7).
        var nextFiring = sweepEvent.Replace("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "7a1c5e0b-9f43-4f0e-8d2a-1b6f3c9e4d21", StringComparison.Ordinal);
        var late = await rotate.RunAsync(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(8)), nextFiring, enforce);
        Assert.Equal("remediated", late.GetProperty("outcome").GetString());
        // One ledger scan per firing: the sweep is planned once, on the shared path.
        Assert.Single(await harness.CallsAsync("dynamodb"), c => c.Operation == "Scan");
        var action = Assert.Single(late.GetProperty("actions").EnumerateArray());
        Assert.Equal("iam:DeleteAccessKey", action.GetProperty("kind").GetString());
        Assert.Contains("irreversible", action.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(BotKey, (await rotate.KeysAsync(Bot)).Keys);
        Assert.Equal(AccessKeyStatus.Inactive, (await rotate.KeysAsync("data-scientist-bob"))["AKIAQXDATASCIBOB0001"]);

        var rolledBack = await rotate.Rollback().RollbackAsync(late.GetProperty("incidentId").GetString()!, default);
        Assert.StartsWith("not reversible", Assert.Single(rolledBack.Rollback).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_leaves_a_key_that_was_reactivated()
    {
        await harness.ResetAsync();
        await rotate.InvokeAsync(OptedInHealth);
        await harness.Aws.Iam.UpdateAccessKeyAsync(Bot, BotKey, AccessKeyStatus.Active, default);

        var result = await rotate.RunAsync(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(30)),
            await harness.EventTextAsync("schedule/rotate-keys-daily-sweep.json"), ("REMEDIATION_MODE", "enforce"));

        Assert.Equal("skipped", result.GetProperty("outcome").GetString());
        Assert.Equal(AccessKeyStatus.Active, (await rotate.KeysAsync(Bot))[BotKey]);
        Assert.Contains("reactivated", Assert.Single(await harness.PublishedAsync(), m => m.Subject.Contains("rotated-out", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kms_rotation_is_enabled_on_the_non_compliant_key_and_rollback_turns_it_off()
    {
        await harness.ResetAsync();
        var invocation = await rotate.InvokeAsync("config/kms-rotation-disabled-noncompliant.json");

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.True((await harness.Aws.Kms().GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = RotationOffKey })).KeyRotationEnabled);
        var enable = Assert.Single(await harness.CallsAsync("kms"), c => c.Operation == "EnableKeyRotation");
        Assert.Equal(365, enable.Parameters.GetProperty("RotationPeriodInDays").GetInt32());
        Assert.Equal(365, (await harness.Aws.Kms().GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = RotationOffKey })).RotationPeriodInDays);

        await rotate.Rollback().RollbackAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);
        Assert.False((await harness.Aws.Kms().GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = RotationOffKey })).KeyRotationEnabled);
    }

    [Fact]
    public async Task Rotation_disabled_by_a_non_approved_principal_is_re_enabled_and_by_an_approved_one_stands()
    {
        await harness.ResetAsync();
        var approved = await rotate.InvokeAsync("cloudtrail/kms-disable-key-rotation.json", ("KMS_APPROVED_ADMIN_PATTERNS", "arn:aws:iam::*:role/ml-platform-*"));
        Assert.Equal(IncidentOutcome.Skipped, approved.Outcome);
        Assert.False((await harness.Aws.Kms().GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = RotationOffKey })).KeyRotationEnabled);

        await harness.ResetAsync();
        Assert.Equal(IncidentOutcome.Remediated, (await rotate.InvokeAsync("cloudtrail/kms-disable-key-rotation.json")).Outcome);
        Assert.True((await harness.Aws.Kms().GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = RotationOffKey })).KeyRotationEnabled);
    }

    [Fact]
    public async Task On_demand_rotation_follows_tampering_when_configured()
    {
        await harness.ResetAsync();
        var invocation = await rotate.InvokeAsync("cloudtrail/kms-disable-key-rotation.json", ("KMS_ROTATE_ON_DEMAND", "true"), ("KMS_ROTATION_PERIOD_DAYS", "180"));

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        var kinds = invocation.Result.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["kms:EnableKeyRotation", "kms:RotateKeyOnDemand"], kinds);
        var rotations = await harness.Aws.Kms().ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = RotationOffKey });
        Assert.Single(rotations.Rotations);
        Assert.Equal(180, (await harness.Aws.Kms().GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = RotationOffKey })).RotationPeriodInDays);
    }

    [Fact]
    public async Task Scheduled_deletion_by_a_non_approved_principal_is_cancelled_the_key_enabled_and_rollback_restores_it()
    {
        await harness.ResetAsync();
        Assert.Equal(KeyState.PendingDeletion, (await harness.Aws.Kms().DescribeKeyAsync(new DescribeKeyRequest { KeyId = PendingDeletionKey })).KeyMetadata.KeyState);
        var invocation = await rotate.InvokeAsync("cloudtrail/kms-schedule-key-deletion.json");

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal(KeyState.Enabled, (await harness.Aws.Kms().DescribeKeyAsync(new DescribeKeyRequest { KeyId = PendingDeletionKey })).KeyMetadata.KeyState);
        var kinds = invocation.Result.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["kms:CancelKeyDeletion", "kms:EnableKey"], kinds);
        var record = await harness.Ledger().GetAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);
        Assert.Contains("asked to delete", record!.Actions[0].Reason, StringComparison.Ordinal);
        Assert.Contains("in 7 days", record.Actions[0].Reason, StringComparison.Ordinal);
        Assert.Equal("7", record.Actions[0].Inverse!.Parameters["pendingWindowInDays"]);

        await rotate.Rollback().RollbackAsync(record.IncidentId, default);
        Assert.Equal(KeyState.PendingDeletion, (await harness.Aws.Kms().DescribeKeyAsync(new DescribeKeyRequest { KeyId = PendingDeletionKey })).KeyMetadata.KeyState);
    }

    [Fact]
    public async Task The_same_event_twice_gives_one_rotation()
    {
        await harness.ResetAsync();
        var first = await rotate.InvokeAsync(OptedInHealth);
        var second = await rotate.InvokeAsync(OptedInHealth);

        Assert.Equal(IncidentOutcome.Remediated, first.Outcome);
        Assert.Equal(IncidentOutcome.Skipped, second.Outcome);
        Assert.Contains("duplicate", second.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Single(await harness.CallsAsync("iam"), c => c.Operation == "CreateAccessKey");
        Assert.Equal(2, (await rotate.KeysAsync(Bot)).Count);
    }

    [Fact]
    public async Task A_later_event_about_the_rotated_key_does_not_rotate_again()
    {
        await harness.ResetAsync();
        await rotate.InvokeAsync(OptedInHealth);
        var republished = (await harness.EventTextAsync(OptedInHealth)).Replace("3e5d9c41-6f0a-4b7e-8d21-5a9c7e3f1b08", "3e5d9c41-6f0a-4b7e-8d21-000000000002", StringComparison.Ordinal)
            .Replace("2b8e4f1a-7c6d-4e5f-a9b0-1c2d3e4f5a6b", "2b8e4f1a-7c6d-4e5f-a9b0-000000000002", StringComparison.Ordinal);
        var again = await rotate.InvokeTextAsync(republished);
        var stale = await rotate.InvokeAsync("config/iam-user-unused-credentials-noncompliant.json");

        Assert.Equal(IncidentOutcome.Skipped, again.Outcome);
        Assert.Equal(IncidentOutcome.Skipped, stale.Outcome);
        Assert.Single(await harness.CallsAsync("iam"), c => c.Operation == "CreateAccessKey");
    }

    [Fact]
    public async Task Throttling_is_retried_to_the_same_result()
    {
        await harness.ResetAsync();
        await fixture.SetFaultsAsync("""
            {"faults":[
              {"service":"iam","operation":"CreateAccessKey","error":"Throttling","status":400,"count":2,"message":"Rate exceeded"},
              {"service":"ssm","operation":"PutParameter","error":"ThrottlingException","status":400,"count":1},
              {"service":"iam","operation":"UpdateAccessKey","error":"Throttling","status":400,"count":1,"message":"Rate exceeded"}]}
            """);
        var invocation = await rotate.InvokeAsync(OptedInHealth);

        Assert.Equal(IncidentOutcome.Remediated, invocation.Outcome);
        Assert.Equal([400, 400, 200], (await harness.CallsAsync("iam")).Where(c => c.Operation == "CreateAccessKey").Select(c => c.Status));
        var keys = await rotate.KeysAsync(Bot);
        Assert.Equal(2, keys.Count);
        Assert.Equal(AccessKeyStatus.Inactive, keys[BotKey]);
        Assert.Equal(keys.Single(k => k.Key != BotKey).Key, (await rotate.ParameterAsync(BotParameter))!.Value.AccessKeyId);
    }

    [Fact]
    public async Task Parameter_store_failure_deletes_the_new_key_keeps_a_stale_key_active_and_the_retry_rotates_once()
    {
        await harness.ResetAsync();
        await fixture.SetFaultsAsync("""{"faults":[{"service":"ssm","operation":"PutParameter","error":"InternalServerError","status":500,"count":10}]}""");
        const string stale = "config/iam-user-unused-credentials-noncompliant.json";
        var failed = await rotate.InvokeAsync(stale);

        Assert.Equal(IncidentOutcome.Failed, failed.Outcome);
        Assert.Equal(new Dictionary<string, AccessKeyStatus> { [BotKey] = AccessKeyStatus.Active }, await rotate.KeysAsync(Bot));
        Assert.DoesNotContain(await harness.CallsAsync("iam"), c => c.Operation == "UpdateAccessKey");

        await fixture.ClearFaultsAsync();
        var retried = await rotate.InvokeAsync(stale);
        Assert.Equal(IncidentOutcome.Remediated, retried.Outcome);
        var keys = await rotate.KeysAsync(Bot);
        Assert.Equal(2, keys.Count);
        Assert.Equal(AccessKeyStatus.Inactive, keys[BotKey]);
        Assert.Equal(keys.Single(k => k.Key != BotKey).Key, (await rotate.ParameterAsync(BotParameter))!.Value.AccessKeyId);
    }

    [Fact]
    public async Task Parameter_store_failure_still_contains_an_exposed_key_and_leaves_no_orphan_key()
    {
        await harness.ResetAsync();
        await fixture.SetFaultsAsync("""{"faults":[{"service":"ssm","operation":"PutParameter","error":"InternalServerError","status":500,"count":10}]}""");
        var failed = await rotate.InvokeAsync(OptedInHealth);

        Assert.Equal(IncidentOutcome.Failed, failed.Outcome);
        Assert.Equal(new Dictionary<string, AccessKeyStatus> { [BotKey] = AccessKeyStatus.Inactive }, await rotate.KeysAsync(Bot));
        Assert.Contains("InternalServerError", failed.Result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_of_a_rotation_reactivates_the_old_key_retires_the_new_one_and_warns()
    {
        await harness.ResetAsync();
        var invocation = await rotate.InvokeAsync(OptedInHealth);
        var newKey = (await rotate.KeysAsync(Bot)).Single(k => k.Key != BotKey).Key;

        var record = await rotate.Rollback().RollbackAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);

        Assert.Equal(IncidentState.RolledBack, record.State);
        var keys = await rotate.KeysAsync(Bot);
        Assert.Equal(AccessKeyStatus.Active, keys[BotKey]);
        Assert.Equal(AccessKeyStatus.Inactive, keys[newKey]);
        Assert.Null(await rotate.ParameterAsync(BotParameter));
        Assert.Contains(record.Rollback, r => r.Detail.Contains("cut over", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_rotation_rolls_back_to_the_first_ones_parameter()
    {
        await harness.ResetAsync();
        await rotate.InvokeAsync(OptedInHealth);
        var first = (await rotate.ParameterAsync(BotParameter))!.Value.AccessKeyId;

        // Two days later the new key is reported stale: rotated again (the first old key is deleted to free the slot).
        var second = await rotate.RunAsync(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(2)),
            await harness.EventTextAsync("config/iam-user-unused-credentials-noncompliant.json"), ("REMEDIATION_MODE", "enforce"));
        Assert.Equal("remediated", second.GetProperty("outcome").GetString());
        var secondKey = (await rotate.ParameterAsync(BotParameter))!.Value.AccessKeyId;
        Assert.NotEqual(first, secondKey);
        Assert.Equal(AccessKeyStatus.Inactive, (await rotate.KeysAsync(Bot))[first]);

        await rotate.Rollback().RollbackAsync(second.GetProperty("incidentId").GetString()!, default);

        Assert.Equal(first, (await rotate.ParameterAsync(BotParameter))!.Value.AccessKeyId);
        var keys = await rotate.KeysAsync(Bot);
        Assert.Equal(AccessKeyStatus.Active, keys[first]);
        Assert.Equal(AccessKeyStatus.Inactive, keys[secondKey]);
    }

    [Fact]
    public async Task Rollback_of_a_deactivation_reactivates_the_exposed_key()
    {
        await harness.ResetAsync();
        var invocation = await rotate.InvokeAsync(NotOptedInHealth);

        await rotate.Rollback().RollbackAsync(invocation.Result.GetProperty("incidentId").GetString()!, default);

        Assert.Equal(AccessKeyStatus.Active, (await rotate.KeysAsync("data-scientist-bob"))["AKIAQXDATASCIBOB0001"]);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_reports_the_planned_rotation()
    {
        await harness.ResetAsync();
        var invocation = await harness.InvokeAsync("RotateKeys", await harness.EventTextAsync(OptedInHealth));

        Assert.Equal(IncidentOutcome.DryRun, invocation.Outcome);
        Assert.DoesNotContain(await harness.CallsAsync(), c => c.Operation is "CreateAccessKey" or "UpdateAccessKey" or "PutParameter");
        Assert.Contains("Would rotate", Assert.Single(await harness.PublishedAsync()).Subject, StringComparison.Ordinal);
    }
}
