using System.Diagnostics;
using System.Text;

namespace Remediation.Tests.Events;

public class BrokenEventTests
{
    private const string Recon = "guardduty/recon-maliciousipcaller-user.json";
    private const string AttachAdmin = "cloudtrail/iam-attach-user-policy-admin.json";
    private const string Malware = "guardduty/malware-object-scan-threats-found.json";
    private const string AccessKeysRotated = "config/access-keys-rotated-noncompliant.json";

    [Theory]
    [InlineData("{\"version\": \"0\", \"id\": ")]
    [InlineData("{\"id\": \"x\",}")]
    [InlineData("not json")]
    [InlineData("{\"id\": \"x\"} trailing")]
    [InlineData("{'id': 'x'}")]
    public void Malformed_json_is_reported_as_such(string json)
    {
        var error = Failure(SampleEvents.ParseText(json));

        Assert.Equal(ParseErrorCodes.MalformedJson, error.Code);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_malformed()
    {
        var error = Failure(EventParser.Parse([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']));

        Assert.Equal(ParseErrorCodes.MalformedJson, error.Code);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    [InlineData("\uFEFF")]
    public void Empty_input_is_empty(string text)
    {
        var error = Failure(SampleEvents.ParseText(text));

        Assert.Equal(ParseErrorCodes.Empty, error.Code);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"GuardDuty Finding\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void An_event_that_is_not_an_object_is_the_wrong_type(string json, string found)
    {
        var error = Failure(SampleEvents.ParseText(json));

        Assert.Equal(ParseErrorCodes.WrongType, error.Code);
        Assert.Equal($"the event must be a JSON object, got {found}", error.Message);
    }

    [Theory]
    [InlineData("detail")]
    [InlineData("id")]
    [InlineData("account")]
    [InlineData("region")]
    [InlineData("time")]
    [InlineData("source")]
    [InlineData("detail-type")]
    public void A_missing_envelope_field_is_named(string field)
    {
        var error = Failure(SampleEvents.ParseEdited(Recon, e => e.Remove(field)));

        Assert.Equal(ParseErrorCodes.MissingField, error.Code);
        Assert.Equal($"{field} is missing", error.Message);
    }

    [Fact]
    public void A_null_detail_is_missing()
    {
        var result = SampleEvents.ParseEdited(Recon, e => e["detail"] = null);

        Assert.Equal(ParseErrorCodes.MissingField, Failure(result).Code);
        Assert.Equal("detail is missing", result.Error!.Message);
        Assert.NotNull(result.Envelope);
    }

    [Theory]
    [InlineData("\"a detail as text\"", "String")]
    [InlineData("[{\"id\": \"x\"}]", "Array")]
    [InlineData("17", "Number")]
    public void A_detail_that_is_not_an_object_is_the_wrong_type(string detail, string kind)
    {
        var result = SampleEvents.ParseEdited(Recon, e => e["detail"] = JsonNode.Parse(detail));

        var error = Failure(result);
        Assert.Equal(ParseErrorCodes.WrongType, error.Code);
        Assert.Equal($"detail must be a JSON object, got {kind}", error.Message);
        Assert.Equal("6f1e7b1c-2d4a-4e0b-9a51-3c7d8e9f0a12", result.Envelope?.Id);
    }

    [Fact]
    public void Envelope_field_of_the_wrong_type_is_named()
    {
        var error = Failure(SampleEvents.ParseEdited(Recon, e => e["detail-type"] = 5));

        Assert.Equal(ParseErrorCodes.WrongType, error.Code);
        Assert.Equal("detail-type has the wrong type or format (found Number)", error.Message);
    }

    [Fact]
    public void Time_that_is_not_a_timestamp_is_named()
    {
        var error = Failure(SampleEvents.ParseEdited(Recon, e => e["time"] = "yesterday"));

        Assert.Equal(ParseErrorCodes.WrongType, error.Code);
        Assert.StartsWith("time has the wrong type or format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Severity_as_a_string_is_the_wrong_type_and_names_the_field()
    {
        var result = SampleEvents.ParseEdited(Recon, e => e["detail"]!["severity"] = "HIGH");

        var error = Failure(result);
        Assert.Equal(ParseErrorCodes.WrongType, error.Code);
        Assert.Equal("detail.severity has the wrong type or format (found String)", error.Message);
        Assert.NotNull(result.Envelope);
    }

    [Fact]
    public void A_numeric_string_severity_is_not_read_as_a_number()
    {
        var error = Failure(SampleEvents.ParseEdited(Recon, e => e["detail"]!["severity"] = "5"));

        Assert.Equal(ParseErrorCodes.WrongType, error.Code);
    }

    [Fact]
    public void Missing_severity_is_named()
    {
        var error = Failure(SampleEvents.ParseEdited(Recon, e => e["detail"]!.AsObject().Remove("severity")));

        Assert.Equal(new ParseError(ParseErrorCodes.MissingField, "detail.severity is missing"), error);
    }

    [Fact]
    public void Missing_access_key_details_on_an_access_key_finding_is_named()
    {
        var error = Failure(SampleEvents.ParseEdited(Recon,
            e => e["detail"]!["resource"]!.AsObject().Remove("accessKeyDetails")));

        Assert.Equal(new ParseError(ParseErrorCodes.MissingField, "detail.resource.accessKeyDetails is missing"), error);
    }

    [Fact]
    public void Missing_user_name_is_named_with_its_full_path()
    {
        var error = Failure(SampleEvents.ParseEdited(Recon,
            e => e["detail"]!["resource"]!["accessKeyDetails"]!.AsObject().Remove("userName")));

        Assert.Equal(new ParseError(ParseErrorCodes.MissingField, "detail.resource.accessKeyDetails.userName is missing"), error);
    }

    [Fact]
    public void Access_key_details_of_the_wrong_type_are_named()
    {
        var error = Failure(SampleEvents.ParseEdited(Recon,
            e => e["detail"]!["resource"]!["accessKeyDetails"] = "AKIA"));

        Assert.Equal(ParseErrorCodes.WrongType, error.Code);
        Assert.Equal("detail.resource.accessKeyDetails has the wrong type or format (found String)", error.Message);
    }

    [Fact]
    public void Wrong_type_inside_an_array_names_the_index()
    {
        var error = Failure(SampleEvents.ParseEdited("guardduty/s3-exfiltration-anomalous.json",
            e => e["detail"]!["resource"]!["s3BucketDetails"]![0]!["name"] = 12));

        Assert.Equal(ParseErrorCodes.WrongType, error.Code);
        Assert.Equal("detail.resource.s3BucketDetails[0].name has the wrong type or format (found Number)", error.Message);
    }

    [Fact]
    public void S3_finding_without_a_bucket_name_anywhere_is_named()
    {
        var error = Failure(SampleEvents.ParseEdited("guardduty/s3-exfiltration-anomalous.json", e =>
        {
            e["detail"]!["resource"]!.AsObject().Remove("s3BucketDetails");
            e["detail"]!["service"]!["action"]!["awsApiCallAction"]!["affectedResources"] = new JsonObject();
        }));

        Assert.Equal(new ParseError(ParseErrorCodes.MissingField, "detail.resource.s3BucketDetails[0].name is missing"), error);
    }

    [Theory]
    [InlineData("GuardDuty Runtime Protection Healthy")]
    [InlineData("GuardDuty Malware Protection Resource Status Active")]
    [InlineData("Security Hub Findings - Imported")]
    public void Unknown_detail_type_is_unsupported_and_named(string detailType)
    {
        var result = SampleEvents.ParseEdited(Recon, e => e["detail-type"] = detailType);

        var error = Failure(result);
        Assert.Equal(ParseErrorCodes.UnsupportedDetailType, error.Code);
        Assert.Contains($"\"{detailType}\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(detailType, result.Envelope?.DetailType);
    }

    [Fact]
    public void A_two_megabyte_payload_is_too_large_and_refused_quickly()
    {
        var padding = new string('x', 2 * 1024 * 1024);
        var bytes = Encoding.UTF8.GetBytes($"{{\"detail-type\": \"GuardDuty Finding\", \"padding\": \"{padding}\"}}");

        var clock = Stopwatch.StartNew();
        var error = Failure(EventParser.Parse(bytes));
        clock.Stop();

        Assert.Equal(ParseErrorCodes.TooLarge, error.Code);
        Assert.True(clock.ElapsedMilliseconds < 50, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_too_large_stream_is_refused_without_reading_it_all()
    {
        using var stream = new CountingStream(new byte[3 * 1024 * 1024]);

        var error = Failure(EventParser.Parse(stream));

        Assert.Equal(ParseErrorCodes.TooLarge, error.Code);
        Assert.Equal(EventParser.MaxEventBytes + 1, stream.BytesRead);
    }

    [Fact]
    public async Task A_sample_event_parses_from_a_stream()
    {
        using var stream = new MemoryStream(SampleEvents.Bytes(Recon));

        var result = await EventParser.ParseAsync(stream, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal("data-scientist-bob", result.Finding.Principal?.Name);
    }

    [Fact]
    public void An_event_just_under_the_limit_is_parsed()
    {
        var node = SampleEvents.Node(Recon);
        node["detail"]!["description"] = new string('d', EventParser.MaxEventBytes - SampleEvents.Bytes(Recon).Length - 1000);

        var result = EventParser.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));

        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Fact]
    public void Null_request_parameters_are_kept_and_give_no_target()
    {
        var result = SampleEvents.ParseEdited(AttachAdmin, e => e["detail"]!["requestParameters"] = null);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Null(result.Finding.Resource);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.Finding.ApiCall?.RequestParameters.ValueKind);
        Assert.Null(RequestParameters.GetString(result.Finding.ApiCall!.RequestParameters, "userName"));
    }

    [Fact]
    public void Absent_request_parameters_give_no_target()
    {
        var result = SampleEvents.ParseEdited(AttachAdmin, e => e["detail"]!.AsObject().Remove("requestParameters"));

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Null(result.Finding.Resource);
    }

    [Fact]
    public void Missing_event_id_of_a_cloudtrail_record_is_named()
    {
        var error = Failure(SampleEvents.ParseEdited(AttachAdmin, e => e["detail"]!.AsObject().Remove("eventID")));

        Assert.Equal(new ParseError(ParseErrorCodes.MissingField, "detail.eventID is missing"), error);
    }

    [Fact]
    public void Missing_user_identity_type_is_named()
    {
        var error = Failure(SampleEvents.ParseEdited(AttachAdmin, e => e["detail"]!["userIdentity"]!.AsObject().Remove("type")));

        Assert.Equal(new ParseError(ParseErrorCodes.MissingField, "detail.userIdentity.type is missing"), error);
    }

    [Theory]
    [InlineData("ünïcødé-用户")]
    [InlineData("quote\"d")]
    [InlineData("slash/y\\back")]
    [InlineData("+=,.@-_ and spaces")]
    [InlineData("emoji-🔑")]
    public void Odd_characters_in_names_are_kept_verbatim(string name)
    {
        var result = SampleEvents.ParseEdited(AttachAdmin, e =>
        {
            e["detail"]!["requestParameters"]!["userName"] = name;
            e["detail"]!["userIdentity"]!["userName"] = name;
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(name, result.Finding.Resource?.Id);
        Assert.Equal(name, result.Finding.Principal?.Name);
    }

    [Theory]
    [InlineData("ünïcødé/key \"quoted\".csv")]
    [InlineData("uploads/../../etc/passwd")]
    public void Odd_object_keys_are_kept_verbatim(string key)
    {
        var result = SampleEvents.ParseEdited(Malware, e => e["detail"]!["s3ObjectDetails"]!["objectKey"] = key);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(key, result.Finding.Scan?.Key);
        Assert.Equal("ml-training-data/" + key, result.Finding.Resource?.Id);
    }

    [Fact]
    public void Unversioned_object_scan_uses_null_in_the_dedupe_key()
    {
        var result = SampleEvents.ParseEdited(Malware, e => e["detail"]!["s3ObjectDetails"]!["versionId"] = null);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("malware:ml-training-data/uploads/pretrained-resnet50.pkl#null", result.Finding.DedupeKey);
        Assert.False(result.Finding.Resource!.Attributes.ContainsKey("versionId"));
        Assert.Null(result.Finding.Scan?.VersionId);
    }

    [Fact]
    public void Scan_without_an_object_key_is_named()
    {
        var error = Failure(SampleEvents.ParseEdited(Malware, e => e["detail"]!["s3ObjectDetails"]!.AsObject().Remove("objectKey")));

        Assert.Equal(new ParseError(ParseErrorCodes.MissingField, "detail.s3ObjectDetails.objectKey is missing"), error);
    }

    [Fact]
    public void First_config_evaluation_has_no_old_result()
    {
        var result = SampleEvents.ParseEdited(AccessKeysRotated, e => e["detail"]!.AsObject().Remove("oldEvaluationResult"));

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Null(result.Finding.Compliance?.OldComplianceType);
    }

    [Fact]
    public void Compliant_config_change_is_low()
    {
        var result = SampleEvents.ParseEdited(AccessKeysRotated, e => e["detail"]!["newEvaluationResult"]!["complianceType"] = "COMPLIANT");

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(SeverityLabel.Low, result.Finding.Severity.Label);
    }

    [Fact]
    public void Config_without_compliance_type_is_named()
    {
        var error = Failure(SampleEvents.ParseEdited(AccessKeysRotated,
            e => e["detail"]!["newEvaluationResult"]!.AsObject().Remove("complianceType")));

        Assert.Equal(new ParseError(ParseErrorCodes.MissingField, "detail.newEvaluationResult.complianceType is missing"), error);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var result = SampleEvents.ParseEdited(Recon, e =>
        {
            e["debug"] = true;
            e["detail"]!["somethingNew"] = new JsonObject { ["nested"] = new JsonArray(1, "two") };
            e["detail"]!["resource"]!["accessKeyDetails"]!["extra"] = 3;
        });

        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    private static ParseError Failure(EventParseResult result)
    {
        Assert.False(result.IsSuccess);
        Assert.Null(result.Finding);
        return result.Error;
    }

    private sealed class CountingStream(byte[] content) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }
    }
}
