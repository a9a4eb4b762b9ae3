namespace Remediation.Core.Events;

/// <summary>CloudTrail <c>userIdentity</c> → <see cref="Principal"/> (docs/aws-reference.md §A3 "userIdentity shapes").</summary>
internal static class CloudTrailPrincipal
{
    public static Principal From(CloudTrailUserIdentity identity, string eventAccount, string partition)
    {
        var type = Required.String(identity.Type, "detail.userIdentity.type");
        var account = identity.AccountId ?? eventAccount;
        return type switch
        {
            "IAMUser" => new Principal(PrincipalKind.IamUser, account, identity.UserName ?? LastSegment(identity.Arn),
                identity.Arn, identity.PrincipalId, null, NonEmpty(identity.AccessKeyId)),
            "AssumedRole" => AssumedRole(identity, account, partition),
            "Root" => new Principal(PrincipalKind.Root, account, null, identity.Arn ?? Arns.Root(partition, account),
                identity.PrincipalId, null, NonEmpty(identity.AccessKeyId)),
            "FederatedUser" or "SAMLUser" or "WebIdentityUser" or "IdentityCenterUser" => new Principal(PrincipalKind.Federated,
                account, identity.UserName ?? LastSegment(identity.Arn), identity.SessionContext?.SessionIssuer?.Arn,
                identity.PrincipalId, AfterColon(identity.PrincipalId), NonEmpty(identity.AccessKeyId)),
            "AWSService" => new Principal(PrincipalKind.AwsService, account, identity.InvokedBy, null, identity.PrincipalId, null, null),
            _ => new Principal(PrincipalKind.Unknown, account, identity.UserName, identity.Arn, identity.PrincipalId, null,
                NonEmpty(identity.AccessKeyId)),
        };
    }

    // The role is in sessionContext.sessionIssuer; the session name is the last segment of
    // arn:aws:sts::<acct>:assumed-role/<role>/<session>, or what follows ':' in principalId.
    private static Principal AssumedRole(CloudTrailUserIdentity identity, string account, string partition)
    {
        var issuer = identity.SessionContext?.SessionIssuer;
        var sessionArnParts = identity.Arn?.Split('/');
        var roleName = issuer?.UserName ?? (sessionArnParts is { Length: >= 3 } ? sessionArnParts[1] : null);
        var roleArn = issuer?.Arn ?? (roleName is null ? null : Arns.IamRole(partition, account, roleName));
        var session = sessionArnParts is { Length: >= 3 } ? sessionArnParts[^1] : AfterColon(identity.PrincipalId);
        return new Principal(PrincipalKind.AssumedRole, account, roleName, roleArn, identity.PrincipalId, session,
            NonEmpty(identity.AccessKeyId));
    }

    private static string? LastSegment(string? arn) =>
        arn?.LastIndexOf('/') is >= 0 and var slash ? arn[(slash + 1)..] : null;

    private static string? AfterColon(string? principalId) =>
        principalId?.IndexOf(':', StringComparison.Ordinal) is >= 0 and var colon ? principalId[(colon + 1)..] : null;

    // CloudTrail writes "accessKeyId": "" when no key was used.
    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
