using Amazon.Runtime;

namespace Remediation.Tests.Aws;

/// <summary>
/// Requests carry a SigV4 Authorization made by AWSSDK.Core's signer. Known answers computed with botocore's
/// SigV4Auth over the same request (POST https://iam.amazonaws.com/, same headers, 2025-03-04T10:20:00Z).
/// </summary>
public sealed class SignerTests
{
    private const string GetUserOk = """<GetUserResponse><GetUserResult><User><Path>/</Path><UserName>alice</UserName><UserId>AIDA1</UserId><Arn>arn:aws:iam::1:user/alice</Arn></User></GetUserResult></GetUserResponse>""";

    [Fact]
    public async Task IAM_is_signed_for_us_east_1_iam_with_the_botocore_signature()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk(GetUserOk);

        await aws.Factory.Iam.GetUserAsync("alice", CancellationToken.None);

        var request = aws.Single;
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250304/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=988b0a86d8b055d231c4183a0177aebbcbd1f4f5b81ec267591a2be0657d4c73",
            request.Header("Authorization"));
        Assert.Equal("20250304T102000Z", request.Header("X-Amz-Date"));
        Assert.Equal("", request.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task Session_token_is_sent_and_signed()
    {
        using var aws = new TestAws(credentials: new SessionAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN"));
        aws.Handler.ThenOk(GetUserOk);

        await aws.Factory.Iam.GetUserAsync("alice", CancellationToken.None);

        var request = aws.Single;
        Assert.Equal("SESSIONTOKEN", request.Header("X-Amz-Security-Token"));
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250304/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=a2b740807dd9f35bdeba12cff47783e895465f028e630718e44ca50551a6aadd",
            request.Header("Authorization"));
    }

    [Fact]
    public async Task SageMaker_scope_uses_the_region_and_signing_name_sagemaker_and_signs_the_target()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk("");

        await aws.Factory.SageMaker.StopTrainingJobAsync("job-1", CancellationToken.None);

        var authorization = aws.Single.Header("Authorization");
        Assert.Contains("Credential=AKIDEXAMPLE/20250304/eu-west-1/sagemaker/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SNS_scope_uses_the_region()
    {
        using var aws = new TestAws(new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "ap-southeast-2", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566" });
        aws.Handler.ThenOk("<CreateTopicResponse><CreateTopicResult><TopicArn>arn</TopicArn></CreateTopicResult></CreateTopicResponse>");

        await aws.Factory.Sns.CreateTopicAsync("t", CancellationToken.None);

        Assert.Contains("/20250304/ap-southeast-2/sns/aws4_request", aws.Single.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:4566/", aws.Single.Uri.ToString());
    }
}
