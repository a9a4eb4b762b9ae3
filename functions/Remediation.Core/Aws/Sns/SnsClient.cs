using Remediation.Core.Aws.Protocol;

namespace Remediation.Core.Aws.Sns;

/// <summary>SNS over the Query protocol (Version 2010-03-31), signed for the region / "sns" (docs/aws-reference.md §B3).</summary>
public sealed class SnsClient : ISns
{
    private readonly QueryClient _query;

    internal SnsClient(AwsProtocolClient transport) => _query = new QueryClient(transport, "sns", "2010-03-31");

    /// <inheritdoc/>
    public async Task<string> PublishAsync(SnsPublishRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _query.CallAsync(PublishRequest(request), ct);
        return result.Required("MessageId");
    }

    /// <inheritdoc/>
    public async Task<string> CreateTopicAsync(string name, CancellationToken ct)
    {
        var result = await _query.CallAsync(_query.Request("CreateTopic").Add("Name", name), ct);
        return result.Required("TopicArn");
    }

    // Members in PublishInput's model order: TopicArn, Message, Subject, MessageStructure, MessageAttributes.
    internal QueryRequest PublishRequest(SnsPublishRequest request) =>
        _query.Request("Publish")
            .Add("TopicArn", request.TopicArn)
            .Add("Message", request.Message)
            .Add("Subject", string.IsNullOrEmpty(request.Subject) ? null : request.Subject)
            .Add("MessageStructure", request.MessageStructure)
            .AddMap("MessageAttributes", request.StringAttributes, static (query, prefix, value) => query
                .Add(prefix + ".DataType", "String")
                .Add(prefix + ".StringValue", value));
}
