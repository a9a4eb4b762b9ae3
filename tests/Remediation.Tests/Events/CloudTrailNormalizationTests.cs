namespace Remediation.Tests.Events;

public class CloudTrailNormalizationTests
{
    private const string AttachAdmin = "cloudtrail/iam-attach-user-policy-admin.json";

    [Fact]
    public void Root_identity_gives_a_root_principal()
    {
        var finding = WithIdentity("""
            { "type": "Root", "principalId": "123456789012", "arn": "arn:aws:iam::123456789012:root", "accountId": "123456789012",
              "accessKeyId": "", "invokedBy": "signin.amazonaws.com" }
            """);

        Assert.Equal(PrincipalKind.Root, finding.Principal?.Kind);
        Assert.Equal("arn:aws:iam::123456789012:root", finding.Principal?.Arn);
        Assert.Null(finding.Principal?.AccessKeyId);
    }

    [Fact]
    public void Aws_service_identity_is_named_by_the_invoking_service()
    {
        var finding = WithIdentity("""{ "type": "AWSService", "invokedBy": "sagemaker.amazonaws.com" }""");

        Assert.Equal(PrincipalKind.AwsService, finding.Principal?.Kind);
        Assert.Equal("sagemaker.amazonaws.com", finding.Principal?.Name);
        Assert.Equal("123456789012", finding.Principal?.AccountId);
    }

    [Fact]
    public void Federated_user_is_named_from_its_arn()
    {
        var finding = WithIdentity("""
            { "type": "FederatedUser", "principalId": "123456789012:contractor",
              "arn": "arn:aws:sts::123456789012:federated-user/contractor", "accountId": "123456789012", "accessKeyId": "ASIAFED",
              "sessionContext": { "sessionIssuer": { "type": "IAMUser", "arn": "arn:aws:iam::123456789012:user/broker", "userName": "broker" } } }
            """);

        Assert.Equal(PrincipalKind.Federated, finding.Principal?.Kind);
        Assert.Equal("contractor", finding.Principal?.Name);
        Assert.Equal("arn:aws:iam::123456789012:user/broker", finding.Principal?.Arn);
        Assert.Equal("ASIAFED", finding.Principal?.AccessKeyId);
    }

    [Fact]
    public void Assumed_role_without_session_issuer_is_read_from_the_session_arn()
    {
        var finding = WithIdentity("""
            { "type": "AssumedRole", "principalId": "AROAQXSAGEMAKEREXEC01:SageMaker",
              "arn": "arn:aws:sts::123456789012:assumed-role/sagemaker-exec/SageMaker", "accountId": "123456789012" }
            """);

        Assert.Equal(PrincipalKind.AssumedRole, finding.Principal?.Kind);
        Assert.Equal("sagemaker-exec", finding.Principal?.Name);
        Assert.Equal("arn:aws:iam::123456789012:role/sagemaker-exec", finding.Principal?.Arn);
        Assert.Equal("SageMaker", finding.Principal?.SessionName);
    }

    [Fact]
    public void Assumed_role_with_only_a_principal_id_takes_the_session_from_it()
    {
        var finding = WithIdentity("""{ "type": "AssumedRole", "principalId": "AROAQXMLTRAININGEC201:i-0abc1234def567890" }""");

        Assert.Equal("i-0abc1234def567890", finding.Principal?.Ec2InstanceId);
        Assert.Null(finding.Principal?.Name);
    }

    [Theory]
    [InlineData("AWSAccount")]
    [InlineData("Unknown")]
    public void Other_identity_types_are_unknown(string type)
    {
        var finding = WithIdentity($$"""{ "type": "{{type}}", "principalId": "AIDAOTHERACCOUNT", "accountId": "210987654321" }""");

        Assert.Equal(PrincipalKind.Unknown, finding.Principal?.Kind);
        Assert.Equal("210987654321", finding.Principal?.AccountId);
    }

    [Fact]
    public void Attach_role_policy_targets_the_role()
    {
        var result = SampleEvents.ParseEdited(AttachAdmin, e =>
        {
            e["detail"]!["eventName"] = "AttachRolePolicy";
            e["detail"]!["requestParameters"] = new JsonObject { ["roleName"] = "sagemaker-exec", ["policyArn"] = "arn:aws:iam::aws:policy/AdministratorAccess" };
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("iam:AttachRolePolicy", result.Finding.Type);
        Assert.Equal(ResourceKind.IamRole, result.Finding.Resource?.Kind);
        Assert.Equal("arn:aws:iam::123456789012:role/sagemaker-exec", result.Finding.Resource?.Arn);
    }

    [Fact]
    public void Processing_job_is_the_target_of_create_processing_job()
    {
        var result = SampleEvents.ParseEdited(AttachAdmin, e =>
        {
            e["detail"]!["eventSource"] = "sagemaker.amazonaws.com";
            e["detail"]!["eventName"] = "CreateProcessingJob";
            e["detail"]!["requestParameters"] = new JsonObject { ["processingJobName"] = "feature-prep-1" };
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(new Resource(ResourceKind.ProcessingJob, "feature-prep-1"), Resource.Of(result.Finding));
    }

    [Theory]
    [InlineData("""{"bucketName": "ml-training-data", "key": "datasets/train.csv"}""", ResourceKind.S3Object, "ml-training-data/datasets/train.csv")]
    [InlineData("""{"bucketName": "ml-training-data", "Host": "ml-training-data.s3.us-east-1.amazonaws.com", "policy": ""}""", ResourceKind.S3Bucket, "ml-training-data")]
    [InlineData("""{"bucketName": ["ml-training-data"], "host": ["s3.amazonaws.com"], "policy": [""]}""", ResourceKind.S3Bucket, "ml-training-data")]
    public void S3_calls_target_the_bucket_or_the_object(string requestParameters, ResourceKind kind, string id)
    {
        var result = SampleEvents.ParseEdited(AttachAdmin, e =>
        {
            e["source"] = "aws.s3";
            e["detail"]!["eventSource"] = "s3.amazonaws.com";
            e["detail"]!["eventName"] = "PutBucketPolicy";
            e["detail"]!["requestParameters"] = JsonNode.Parse(requestParameters);
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("s3:PutBucketPolicy", result.Finding.Type);
        Assert.Equal(new Resource(kind, id), Resource.Of(result.Finding));
    }

    private static Finding WithIdentity(string identity)
    {
        var result = SampleEvents.ParseEdited(AttachAdmin, e => e["detail"]!["userIdentity"] = JsonNode.Parse(identity));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Finding;
    }

    private sealed record Resource(ResourceKind Kind, string Id)
    {
        public static Resource? Of(Finding finding) => finding.Resource is { } r ? new Resource(r.Kind, r.Id) : null;
    }
}
