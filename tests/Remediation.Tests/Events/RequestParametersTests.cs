namespace Remediation.Tests.Events;

public class RequestParametersTests
{
    // The two PutBucketPolicy record versions of docs/aws-reference.md §A3.
    private const string OldPutBucketPolicy =
        """{"host": ["s3.amazonaws.com"], "bucketName": "ml-training-data", "bucketPolicy": {"Version": "2012-10-17", "Statement": []}, "policy": [""]}""";
    private const string NewPutBucketPolicy =
        """{"Host": "ml-training-data.s3.us-east-1.amazonaws.com", "bucketName": "ml-training-data", "bucketPolicy": {"Version": "2012-10-17", "Statement": []}, "policy": ""}""";

    [Fact]
    public void Host_is_read_from_an_array_or_a_string_in_either_case()
    {
        Assert.Equal("s3.amazonaws.com", RequestParameters.GetString(Json(OldPutBucketPolicy), "host"));
        Assert.Equal("ml-training-data.s3.us-east-1.amazonaws.com", RequestParameters.GetString(Json(NewPutBucketPolicy), "host"));
    }

    [Fact]
    public void Exact_name_wins_over_a_case_insensitive_match()
    {
        var parameters = Json("""{"Host": "upper", "host": "lower"}""");

        Assert.Equal("lower", RequestParameters.GetString(parameters, "host"));
        Assert.Equal("upper", RequestParameters.GetString(parameters, "Host"));
    }

    [Theory]
    [InlineData(OldPutBucketPolicy)]
    [InlineData(NewPutBucketPolicy)]
    public void Empty_policy_reads_as_empty_text_in_both_shapes(string json)
    {
        Assert.Equal("", RequestParameters.GetString(Json(json), "policy"));
        Assert.Null(RequestParameters.GetJsonDocumentText(Json(json), "policy"));
    }

    [Theory]
    [InlineData(OldPutBucketPolicy)]
    [InlineData(NewPutBucketPolicy)]
    public void Bucket_policy_object_is_found_in_both_record_versions(string json)
    {
        var text = RequestParameters.GetJsonDocumentText(Json(json), "bucketPolicy", "policy");

        using var policy = JsonDocument.Parse(text!);
        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
    }

    [Fact]
    public void Bucket_policy_stored_as_a_string_is_accepted()
    {
        var parameters = Json("""{"bucketPolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}", "policy": [""]}""");

        Assert.Equal("""{"Version":"2012-10-17","Statement":[]}""", RequestParameters.GetJsonDocumentText(parameters, "bucketPolicy", "policy"));
    }

    [Fact]
    public void Iam_policy_document_string_is_returned_verbatim()
    {
        var parameters = Json("""{"policyDocument": "{\n\t\"Version\": \"2012-10-17\"\n}"}""");

        Assert.Equal("{\n\t\"Version\": \"2012-10-17\"\n}", RequestParameters.GetJsonDocumentText(parameters, "policyDocument"));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"userName\"")]
    [InlineData("{}")]
    [InlineData("""{"userName": 5}""")]
    [InlineData("""{"userName": ["a", "b"]}""")]
    [InlineData("""{"userName": {"name": "a"}}""")]
    [InlineData("""{"userName": "\ud800"}""")]
    public void Anything_else_reads_as_null(string json)
    {
        Assert.Null(RequestParameters.GetString(Json(json), "userName"));
        Assert.Null(RequestParameters.GetJsonDocumentText(Json(json), "policyDocument"));
        Assert.Null(RequestParameters.GetObject(Json(json), "accessKey"));
    }

    [Fact]
    public void Undefined_parameters_read_as_null()
    {
        Assert.Null(RequestParameters.GetString(default, "userName"));
        Assert.Null(RequestParameters.GetJsonDocumentText(default, "policy"));
    }

    [Fact]
    public void The_first_present_name_wins()
    {
        var parameters = Json("""{"roleName": "r", "userName": "u"}""");

        Assert.Equal("u", RequestParameters.GetString(parameters, "userName", "roleName"));
        Assert.Equal("r", RequestParameters.GetString(parameters, "groupName", "roleName"));
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
