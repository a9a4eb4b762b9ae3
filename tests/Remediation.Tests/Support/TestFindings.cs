namespace Remediation.Tests.Support;

internal static class TestFindings
{
    public const string Account = "123456789012";

    public static Finding GuardDuty(
        Principal? principal = null, double severity = 8, bool sample = false, string type = "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
        string id = "f-1", string title = "Credentials used from outside AWS") =>
        new(FindingSource.GuardDuty, "evt-1", id, "guardduty:" + id, type, title, new Severity(severity), Account, "us-east-1",
            new DateTimeOffset(2025, 3, 4, 10, 19, 40, TimeSpan.Zero), sample, principal ?? Role("ml-training-ec2-role", "i-0abc1234def567890"),
            null, null, null, null, JsonDocument.Parse("""{"id":"f-1"}""").RootElement.Clone());

    public static Finding CloudTrail(string eventName, string? errorCode, Principal actor) =>
        new(FindingSource.CloudTrail, "evt-2", "ct-1", "cloudtrail:ct-1", "iam:" + eventName, eventName + " by " + actor.Name, new Severity(7), Account,
            "us-east-1", DateTimeOffset.UnixEpoch, false, actor, null,
            new ApiCall("iam.amazonaws.com", eventName, errorCode, default, default, "aws-cli/2", "198.51.100.1"),
            null, null, default);

    public static Principal User(string name, string account = Account) =>
        new(PrincipalKind.IamUser, account, name, $"arn:aws:iam::{account}:user/{name}", "AIDAEXAMPLE", null, "AKIAEXAMPLE0000001");

    public static Principal Role(string name, string session, string account = Account) =>
        new(PrincipalKind.AssumedRole, account, name, $"arn:aws:iam::{account}:role/{name}", "AROAEXAMPLE:" + session, session, "ASIAEXAMPLE0000001");

    public static Principal Root() => new(PrincipalKind.Root, Account, null, $"arn:aws:iam::{Account}:root", Account, null, null);
}
