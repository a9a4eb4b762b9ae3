namespace Remediation.Actions.Iam;

/// <summary>Kinds and parameter names of the IAM action handlers, shared by playbooks and the catalog.</summary>
public static class IamActions
{
    /// <summary>Attach the stack's deny-all managed policy to a user, falling back to an inline deny-all on the attached-policy quota.</summary>
    public const string DenyAllUser = "iam:DenyAllUser";
    /// <summary>Put the AWSRevokeOlderSessions inline policy on a role (docs/aws-reference.md §B2).</summary>
    public const string RevokeOlderSessions = "iam:RevokeOlderSessions";
    /// <summary>UpdateAccessKey to the given status.</summary>
    public const string UpdateAccessKey = "iam:UpdateAccessKey";
    /// <summary>DeleteLoginProfile (not reversible: the password is unknown).</summary>
    public const string DeleteLoginProfile = "iam:DeleteLoginProfile";

    /// <summary>RemoveUserFromGroup (the undo of an AddUserToGroup into an admin-equivalent group).</summary>
    public const string RemoveUserFromGroup = "iam:RemoveUserFromGroup";
    /// <summary>AddUserToGroup (only as rollback's inverse of a removal).</summary>
    public const string AddUserToGroup = "iam:AddUserToGroup";
    /// <summary>SetDefaultPolicyVersion, only while the policy's default is still the expected one.</summary>
    public const string SetDefaultPolicyVersion = "iam:SetDefaultPolicyVersion";

    /// <summary>"iam:AttachUserPolicy", "iam:DetachRolePolicy", ...</summary>
    public static string Managed(IamEntityKind entity, bool attach) => $"iam:{(attach ? "Attach" : "Detach")}{entity}Policy";

    /// <summary>"iam:PutUserPolicy", "iam:DeleteGroupPolicy", ...</summary>
    public static string Inline(IamEntityKind entity, bool put) => $"iam:{(put ? "Put" : "Delete")}{entity}Policy";

    /// <summary>Parameter names.</summary>
    public static class Params
    {
        /// <summary>IAM user name.</summary>
        public const string UserName = "userName";
        /// <summary>IAM role name.</summary>
        public const string RoleName = "roleName";
        /// <summary>IAM group name.</summary>
        public const string GroupName = "groupName";
        /// <summary>Managed policy ARN.</summary>
        public const string PolicyArn = "policyArn";
        /// <summary>Inline policy name.</summary>
        public const string PolicyName = "policyName";
        /// <summary>Inline policy document (JSON).</summary>
        public const string PolicyDocument = "policyDocument";
        /// <summary>
        /// Delete an inline policy only while it still holds this document (compared as JSON): a policy changed
        /// since the event is somebody else's newer decision and is left alone.
        /// </summary>
        public const string ExpectedDocument = "expectedDocument";
        /// <summary>Access key id.</summary>
        public const string AccessKeyId = "accessKeyId";
        /// <summary>Access key status (Active | Inactive).</summary>
        public const string Status = "status";
        /// <summary>Managed policy version id ("v3").</summary>
        public const string VersionId = "versionId";
        /// <summary>Set the default version only while the default is still this one: a later change is somebody else's newer decision.</summary>
        public const string ExpectedDefaultVersion = "expectedDefaultVersion";
        /// <summary>Name of the inline deny-all policy used when the managed one cannot be attached.</summary>
        public const string InlinePolicyName = "inlinePolicyName";

        /// <summary>The name parameter of an entity kind.</summary>
        public static string NameOf(IamEntityKind entity) => entity switch
        {
            IamEntityKind.User => UserName,
            IamEntityKind.Role => RoleName,
            _ => GroupName,
        };
    }
}

/// <summary>The IAM identities policies attach to.</summary>
public enum IamEntityKind
{
    /// <summary>An IAM user.</summary>
    User,
    /// <summary>An IAM role.</summary>
    Role,
    /// <summary>An IAM group.</summary>
    Group,
}
