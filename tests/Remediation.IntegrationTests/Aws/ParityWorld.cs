namespace Remediation.IntegrationTests.Aws;

/// <summary>The account every parity and parsing test starts from (docs/world-format.md).</summary>
internal static class ParityWorld
{
    public const string Account = "123456789012";
    public const string User = "alice";
    public const string KeyId = "AKIAALICEKEY0000001";
    public const string Role = "ml-training-role";
    public const string Group = "ml-engineers";
    public const string ManagedPolicyArn = "arn:aws:iam::123456789012:policy/ml-data-read";
    public const string InlinePolicy = "ml-scratch";
    public const string TrainingJob = "churn-model-2025";
    public const string ProcessingJob = "feature-prep-1";
    public const string Notebook = "research-notebook";
    public const string NotebookArn = "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research-notebook";
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:security-alerts";

    public const string DenyAllPolicy = """{"Version":"2012-10-17","Statement":[{"Sid":"RemediationDenyAll","Effect":"Deny","Action":"*","Resource":"*"}]}""";
    public const string RevokePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-26T15:00:00Z"}}}]}""";

    public const string Json = """
        {
          "account": "123456789012",
          "region": "us-east-1",
          "policies": [ { "name": "ml-data-read", "path": "/", "document": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] } } ],
          "users": [ {
              "name": "alice", "path": "/", "tags": { "team": "ml" },
              "accessKeys": [ { "id": "AKIAALICEKEY0000001", "secret": "not-a-real-secret-1", "status": "Active" } ],
              "attachedPolicies": [ "arn:aws:iam::123456789012:policy/ml-data-read" ],
              "inlinePolicies": { "ml-scratch": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*" } ] } },
              "groups": [ "ml-engineers" ],
              "loginProfile": true
          }, { "name": "bob", "path": "/" } ],
          "groups": [ {
              "name": "ml-engineers",
              "attachedPolicies": [ "arn:aws:iam::123456789012:policy/ml-data-read" ],
              "inlinePolicies": { "ml-scratch": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*" } ] } }
          } ],
          "roles": [ {
              "name": "ml-training-role", "path": "/",
              "trustPolicy": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Service": "sagemaker.amazonaws.com" }, "Action": "sts:AssumeRole" } ] },
              "tags": { "team": "ml" },
              "attachedPolicies": [ "arn:aws:iam::123456789012:policy/ml-data-read" ],
              "inlinePolicies": { "ml-scratch": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*" } ] } }
          } ],
          "trainingJobs": [ { "name": "churn-model-2025", "roleArn": "arn:aws:iam::123456789012:role/ml-training-role", "status": "InProgress",
                              "outputS3Path": "s3://ml-models/churn/", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
                              "instanceType": "ml.m5.xlarge", "instanceCount": 1 } ],
          "processingJobs": [ { "name": "feature-prep-1", "roleArn": "arn:aws:iam::123456789012:role/ml-training-role", "status": "InProgress" } ],
          "notebookInstances": [ { "name": "research-notebook", "roleArn": "arn:aws:iam::123456789012:role/ml-training-role", "directInternetAccess": "Enabled", "tags": { "team": "ml" } } ],
          "instanceProfiles": [ { "name": "ml-training-profile", "role": "ml-training-role" } ],
          "topics": [ "security-alerts" ]
        }
        """;
}
