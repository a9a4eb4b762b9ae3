using Remediation.Core.Aws.Sns;

namespace Remediation.Tests.Aws;

/// <summary>SNS bodies equal botocore's QuerySerializer output for the same call (members in PublishInput model order).</summary>
public sealed class SnsRequestSerializationTests
{
    private const string PublishOk = """
        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <PublishResult><MessageId>72eaeab7-267d-5bac-8eee-bf0d69758085</MessageId></PublishResult>
          <ResponseMetadata><RequestId>3e7f7a41-4c85-5f51-8160-2ffb038d8478</RequestId></ResponseMetadata>
        </PublishResponse>
        """;

    [Fact]
    public async Task Publish_with_json_structure_and_string_attributes_matches_botocore()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk(PublishOk);
        var request = new SnsPublishRequest(
            "arn:aws:sns:us-east-1:111122223333:sec-alerts",
            "[HIGH] Revoked sessions of role ml-training-role",
            """{"default":"Revoked sessions ü","sqs":"{}"}""",
            "json",
            new Dictionary<string, string> { ["severity"] = "HIGH", ["function"] = "RevokeIamPermissions" });

        var messageId = await aws.Factory.Sns.PublishAsync(request, CancellationToken.None);

        Assert.Equal("72eaeab7-267d-5bac-8eee-bf0d69758085", messageId);
        Assert.Equal(
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3Asec-alerts"
            + "&Message=%7B%22default%22%3A%22Revoked+sessions+%C3%BC%22%2C%22sqs%22%3A%22%7B%7D%22%7D"
            + "&Subject=%5BHIGH%5D+Revoked+sessions+of+role+ml-training-role&MessageStructure=json"
            + "&MessageAttributes.entry.1.Name=severity&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=HIGH"
            + "&MessageAttributes.entry.2.Name=function&MessageAttributes.entry.2.Value.DataType=String&MessageAttributes.entry.2.Value.StringValue=RevokeIamPermissions",
            aws.Single.Body);
        Assert.Equal("https://sns.eu-west-1.amazonaws.com/", aws.Single.Uri.ToString());
    }

    [Fact]
    public async Task Publish_without_structure_subject_or_attributes_sends_only_topic_and_message()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk(PublishOk);

        await aws.Factory.Sns.PublishAsync(
            new SnsPublishRequest("arn:aws:sns:eu-west-1:1:t", "", "plain text", null, new Dictionary<string, string>()),
            CancellationToken.None);

        Assert.Equal("Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A1%3At&Message=plain+text", aws.Single.Body);
    }

    [Fact]
    public async Task CreateTopic_matches_botocore_and_returns_the_arn()
    {
        using var aws = new TestAws();
        aws.Handler.ThenOk("""
            <CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <CreateTopicResult><TopicArn>arn:aws:sns:eu-west-1:111122223333:remediation-alerts</TopicArn></CreateTopicResult>
              <ResponseMetadata><RequestId>a</RequestId></ResponseMetadata>
            </CreateTopicResponse>
            """);

        var arn = await aws.Factory.Sns.CreateTopicAsync("remediation-alerts", CancellationToken.None);

        Assert.Equal("arn:aws:sns:eu-west-1:111122223333:remediation-alerts", arn);
        Assert.Equal("Action=CreateTopic&Version=2010-03-31&Name=remediation-alerts", aws.Single.Body);
    }
}
