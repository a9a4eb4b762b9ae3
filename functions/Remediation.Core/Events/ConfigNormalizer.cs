namespace Remediation.Core.Events;

/// <summary>"Config Rules Compliance Change" → <see cref="Finding"/> (docs/aws-reference.md §A4).</summary>
internal static class ConfigNormalizer
{
    public const string NonCompliant = "NON_COMPLIANT";

    // Config carries no severity: a resource turning non-compliant is Medium (5), any other change Low (1).
    private const double NonCompliantSeverity = 5;
    private const double OtherSeverity = 1;

    public static Finding Normalize(EnvelopeFacts envelope, ConfigComplianceDetail detail)
    {
        var evaluation = Required.Object(detail.NewEvaluationResult, "detail.newEvaluationResult");
        var qualifier = evaluation.EvaluationResultIdentifier?.EvaluationResultQualifier;
        var rule = Required.String(detail.ConfigRuleName ?? qualifier?.ConfigRuleName, "detail.configRuleName");
        var resourceType = Required.String(detail.ResourceType ?? qualifier?.ResourceType, "detail.resourceType");
        var resourceId = Required.String(detail.ResourceId ?? qualifier?.ResourceId, "detail.resourceId");
        var complianceType = Required.String(evaluation.ComplianceType, "detail.newEvaluationResult.complianceType");
        var ordering = Required.String(
            evaluation.EvaluationResultIdentifier?.OrderingTimestamp ?? evaluation.ResultRecordedTime ?? detail.NotificationCreationTime,
            "detail.newEvaluationResult.evaluationResultIdentifier.orderingTimestamp");
        var account = detail.AwsAccountId ?? envelope.Account;
        var region = detail.AwsRegion ?? envelope.Region;

        var compliance = new ComplianceChange(rule, resourceType, resourceId, complianceType,
            detail.OldEvaluationResult?.ComplianceType, ordering);
        var title = $"{resourceType} {resourceId} is {complianceType} with Config rule {rule}"
            + (string.IsNullOrWhiteSpace(evaluation.Annotation) ? "" : $": {evaluation.Annotation.Trim()}");

        return new Finding(
            FindingSource.Config,
            envelope.Id,
            rule + ":" + resourceId,
            $"config:{rule}:{resourceId}:{ordering}",
            rule,
            title,
            new Severity(complianceType == NonCompliant ? NonCompliantSeverity : OtherSeverity),
            account,
            region,
            Time(detail.NotificationCreationTime) ?? envelope.Time,
            IsSample: false,
            Principal(resourceType, resourceId, account),
            Resource(resourceType, resourceId, account, region, Arns.PartitionOf(region)),
            ApiCall: null,
            compliance,
            Scan: null,
            envelope.Detail);
    }

    // resourceId of AWS::IAM::User is the user id (AIDA…), not the name (docs/aws-reference.md §0.5): the name stays null
    // and the function resolves it.
    private static Principal? Principal(string resourceType, string resourceId, string account) =>
        resourceType == "AWS::IAM::User"
            ? new Principal(PrincipalKind.IamUser, account, Name: null, Arn: null, PrincipalId: resourceId, SessionName: null, AccessKeyId: null)
            : null;

    private static ResourceRef Resource(string resourceType, string resourceId, string account, string region, string partition)
    {
        var attributes = ResourceAttributes.Of(("awsType", resourceType));
        return resourceType switch
        {
            "AWS::IAM::User" => new ResourceRef(ResourceKind.IamUser, resourceId, null, ResourceAttributes.Of(("awsType", resourceType), ("userId", resourceId))),
            "AWS::IAM::Role" => new ResourceRef(ResourceKind.IamRole, resourceId, null, attributes),
            "AWS::KMS::Key" => new ResourceRef(ResourceKind.KmsKey, resourceId, Arns.KmsKey(partition, region, account, resourceId), attributes),
            "AWS::S3::Bucket" => new ResourceRef(ResourceKind.S3Bucket, resourceId, Arns.S3Bucket(partition, resourceId), attributes),
            _ => new ResourceRef(ResourceKind.Other, resourceId, null, attributes),
        };
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
