using System.Net;
using Remediation.Core.Aws;
using Remediation.Core.Aws.Protocol;

namespace Remediation.Tests.Aws;

public sealed class ErrorParsingTests
{
    private static AwsWireResponse Response(int status, string body, params (string, string)[] headers) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(body), headers.ToDictionary(h => h.Item1, h => h.Item2));

    [Theory]
    [InlineData("https://iam.amazonaws.com/doc/2010-05-08/")]
    [InlineData("")]
    public void Query_error_reads_code_message_and_sibling_request_id(string ns)
    {
        var error = QueryErrors.Parse("iam", Response(404, $"""
            <ErrorResponse xmlns="{ns}">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name foo cannot be found.</Message></Error>
              <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
            </ErrorResponse>
            """));

        Assert.Equal(("iam", "NoSuchEntity", "The role with name foo cannot be found.", 404, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"),
            (error.Service, error.ErrorCode, error.ServiceMessage, error.StatusCode, error.RequestId));
    }

    [Fact]
    public void Query_error_that_is_not_xml_is_named_after_the_status()
    {
        var error = QueryErrors.Parse("sns", Response(503, "<html>Service Unavailable", ("x-amzn-RequestId", "req-1")));

        Assert.Equal(("Http503", 503, "req-1"), (error.ErrorCode, error.StatusCode, error.RequestId));
    }

    [Theory]
    [InlineData("""{"__type":"ValidationException","message":"Requested resource not found."}""", "ValidationException", "Requested resource not found.")]
    [InlineData("""{"__type":"com.amazon.coral.service#ValidationException","Message":"upper-case key"}""", "ValidationException", "upper-case key")]
    [InlineData("""{"__type":"ResourceNotFound:http://internal.amazon.com/coral/com.amazonaws.sagemaker/","message":"m"}""", "ResourceNotFound", "m")]
    [InlineData("""{"__type":"com.amazonaws.sagemaker#ThrottlingException:http://x","message":"Rate exceeded"}""", "ThrottlingException", "Rate exceeded")]
    public void Json_error_type_is_normalised_like_botocore(string body, string code, string message)
    {
        var error = JsonErrors.Parse("sagemaker", Response(400, body, ("x-amzn-RequestId", "abc")));

        Assert.Equal((code, message, 400, "abc"), (error.ErrorCode, error.ServiceMessage, error.StatusCode, error.RequestId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("not json")]
    public void Json_error_falls_back_to_the_x_amzn_ErrorType_header(string body)
    {
        var error = JsonErrors.Parse("sagemaker", Response(400, body, ("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/")));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public void Json_error_without_type_or_header_is_named_after_the_status()
    {
        Assert.Equal("Http500", JsonErrors.Parse("sagemaker", Response(500, "")).ErrorCode);
    }

    [Fact]
    public async Task A_service_error_surfaces_as_AwsServiceException_through_the_client()
    {
        using var aws = new TestAws();
        aws.Handler.Then(HttpStatusCode.BadRequest, """{"__type":"ValidationException","message":"Requested resource not found."}""");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Factory.SageMaker.DescribeTrainingJobAsync("missing", CancellationToken.None));

        Assert.Equal(("sagemaker", "ValidationException", 400), (error.Service, error.ErrorCode, error.StatusCode));
        Assert.Single(aws.Handler.Requests);
    }
}
