namespace Remediation.Tests.Events;

public class SampleEventTests
{
    public static TheoryData<string> EventFiles => new(SampleEvents.All());

    [Theory]
    [MemberData(nameof(EventFiles))]
    public void Every_sample_event_parses_into_a_finding_of_the_sample_account(string file)
    {
        var result = SampleEvents.Parse(file);

        Assert.True(result.IsSuccess, $"{file}: {result.Error?.Code} {result.Error?.Message}");
        var finding = result.Finding;
        // The delegated-administrator sample is about a member account; the envelope names the administrator.
        Assert.Equal(file.Contains("member-account", StringComparison.Ordinal) ? "210987654321" : "123456789012", finding.AccountId);
        Assert.Equal("123456789012", result.Envelope.Account);
        Assert.Equal("us-east-1", finding.Region);
        Assert.Equal(result.Envelope.Id, finding.EventId);
        Assert.False(string.IsNullOrWhiteSpace(finding.DedupeKey));
        Assert.False(string.IsNullOrWhiteSpace(finding.Title));
        Assert.Equal(JsonValueKind.Object, finding.Detail.ValueKind);
        var expectedSource = file.Split('/')[0] switch
        {
            "guardduty" when file.Contains("malware", StringComparison.Ordinal) => FindingSource.MalwareScan,
            "guardduty" => FindingSource.GuardDuty,
            "cloudtrail" => FindingSource.CloudTrail,
            "macie" => FindingSource.Macie,
            "health" => FindingSource.Health,
            _ => FindingSource.Config,
        };
        Assert.Equal(expectedSource, finding.Source);
    }

    [Fact]
    public void The_documented_samples_are_all_present()
    {
        string[] expected =
        [
            "guardduty/recon-maliciousipcaller-user.json", "guardduty/sample-finding-iam.json",
            "guardduty/credential-exfiltration-outside-aws.json", "guardduty/anomalous-behavior-iam-user.json",
            "guardduty/s3-exfiltration-anomalous.json", "guardduty/malware-object-scan-threats-found.json",
            "guardduty/malware-object-scan-no-threats.json", "cloudtrail/iam-attach-user-policy-admin.json",
            "cloudtrail/iam-attach-user-policy-denied.json", "cloudtrail/iam-put-role-policy-wildcard.json",
            "cloudtrail/iam-create-access-key-other-user.json", "cloudtrail/iam-put-user-policy-aws-quarantine.json",
            "cloudtrail/sagemaker-create-training-job-untrusted.json", "config/access-keys-rotated-noncompliant.json",
            "config/kms-rotation-disabled-noncompliant.json",
        ];
        Assert.Empty(expected.Except(SampleEvents.All()));
    }

    [Fact]
    public void Dedupe_keys_are_unique_across_samples()
    {
        var keys = SampleEvents.All().Select(f => SampleEvents.Parse(f).Finding!.DedupeKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Recon_from_a_malicious_ip_names_bob_and_his_key()
    {
        var finding = Parse("guardduty/recon-maliciousipcaller-user.json");

        Assert.Equal("Recon:IAMUser/MaliciousIPCaller.Custom", finding.Type);
        Assert.Equal("guardduty:8ec9b2f14a6d4e0c9f1a2b3c4d5e6f70", finding.DedupeKey);
        Assert.Equal("8ec9b2f14a6d4e0c9f1a2b3c4d5e6f70", finding.FindingId);
        Assert.Equal(SeverityLabel.Medium, finding.Severity.Label);
        Assert.Equal(5, finding.Severity.Score);
        Assert.False(finding.IsSample);
        var principal = Assert.IsType<Principal>(finding.Principal);
        Assert.Equal(PrincipalKind.IamUser, principal.Kind);
        Assert.Equal("data-scientist-bob", principal.Name);
        Assert.Equal("arn:aws:iam::123456789012:user/data-scientist-bob", principal.Arn);
        Assert.Equal("AKIAQXDATASCIBOB0001", principal.AccessKeyId);
        Assert.Null(principal.SessionName);
        Assert.Equal(new Resource(ResourceKind.AccessKey, "AKIAQXDATASCIBOB0001"), Resource.Of(finding));
        Assert.Equal(DateTimeOffset.Parse("2025-06-10T08:32:05.118Z", System.Globalization.CultureInfo.InvariantCulture), finding.Time);
    }

    [Fact]
    public void Generated_sample_finding_is_marked_sample_and_keeps_generated_values()
    {
        var finding = Parse("guardduty/sample-finding-iam.json");

        Assert.True(finding.IsSample);
        Assert.Equal(SeverityLabel.Medium, finding.Severity.Label);
        Assert.Equal("GeneratedFindingUserName", finding.Principal?.Name);
        Assert.Equal("GeneratedFindingAccessKeyId", finding.Principal?.AccessKeyId);
        Assert.Equal(new Resource(ResourceKind.AccessKey, "GeneratedFindingAccessKeyId"), Resource.Of(finding));
        Assert.Equal("guardduty:30bf285e52a1e405084ff6ec28e06e17", finding.DedupeKey);
    }

    [Fact]
    public void Instance_credential_exfiltration_names_the_role_and_the_instance()
    {
        var finding = Parse("guardduty/credential-exfiltration-outside-aws.json");

        Assert.Equal(SeverityLabel.High, finding.Severity.Label);
        Assert.False(finding.IsSample);
        var principal = Assert.IsType<Principal>(finding.Principal);
        Assert.Equal(PrincipalKind.AssumedRole, principal.Kind);
        Assert.Equal("ml-training-ec2-role", principal.Name);
        Assert.Equal("arn:aws:iam::123456789012:role/ml-training-ec2-role", principal.Arn);
        Assert.Equal("i-0abc1234def567890", principal.SessionName);
        Assert.Equal("i-0abc1234def567890", principal.Ec2InstanceId);
        Assert.Equal("AROAQXMLTRAININGEC201:i-0abc1234def567890", principal.PrincipalId);
        Assert.Equal("ASIAQXMLTRAINEC2SESS", principal.AccessKeyId);
        Assert.Equal("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", finding.Type);
    }

    [Fact]
    public void Anomalous_behavior_names_exactly_the_key_used()
    {
        var finding = Parse("guardduty/anomalous-behavior-iam-user.json");

        Assert.Equal(7.5, finding.Severity.Score);
        Assert.Equal(SeverityLabel.High, finding.Severity.Label);
        Assert.Equal("HIGH", finding.Severity.LabelText);
        Assert.Equal(PrincipalKind.IamUser, finding.Principal?.Kind);
        Assert.Equal("etl-service-user", finding.Principal?.Name);
        Assert.Equal("AKIAETLSERVICE000001", finding.Principal?.AccessKeyId);
        Assert.Equal(new Resource(ResourceKind.AccessKey, "AKIAETLSERVICE000001"), Resource.Of(finding));
        Assert.False(finding.IsSample);
    }

    [Fact]
    public void S3_exfiltration_names_the_bucket_and_the_reader()
    {
        var finding = Parse("guardduty/s3-exfiltration-anomalous.json");

        Assert.Equal(SeverityLabel.High, finding.Severity.Label);
        Assert.Equal(new Resource(ResourceKind.S3Bucket, "ml-training-data"), Resource.Of(finding));
        Assert.Equal("arn:aws:s3:::ml-training-data", finding.Resource?.Arn);
        Assert.Equal("data-scientist-bob", finding.Principal?.Name);
        Assert.Equal("AKIAQXDATASCIBOB0001", finding.Principal?.AccessKeyId);
    }

    [Fact]
    public void Malware_scan_with_threats_names_the_object_version()
    {
        var finding = Parse("guardduty/malware-object-scan-threats-found.json");

        Assert.Equal(FindingSource.MalwareScan, finding.Source);
        Assert.Equal("MalwareScan:THREATS_FOUND", finding.Type);
        Assert.Equal(8, finding.Severity.Score);
        Assert.Equal(SeverityLabel.High, finding.Severity.Label);
        Assert.Equal("malware:ml-training-data/uploads/pretrained-resnet50.pkl#Xk7pQ2mZr9LsT4vB8nW1yHc3dF6gJ0aE", finding.DedupeKey);
        Assert.Null(finding.Principal);
        var resource = Assert.IsType<ResourceRef>(finding.Resource);
        Assert.Equal(ResourceKind.S3Object, resource.Kind);
        Assert.Equal("ml-training-data/uploads/pretrained-resnet50.pkl", resource.Id);
        Assert.Equal("ml-training-data", resource.Attributes["bucket"]);
        Assert.Equal("uploads/pretrained-resnet50.pkl", resource.Attributes["key"]);
        Assert.Equal("Xk7pQ2mZr9LsT4vB8nW1yHc3dF6gJ0aE", resource.Attributes["versionId"]);
        var scan = Assert.IsType<MalwareScan>(finding.Scan);
        Assert.Equal("COMPLETED", scan.ScanStatus);
        Assert.Equal("THREATS_FOUND", scan.ResultStatus);
        Assert.Equal(["EICAR-Test-File (not a virus)"], scan.Threats);
        Assert.Equal("Xk7pQ2mZr9LsT4vB8nW1yHc3dF6gJ0aE", scan.VersionId);
    }

    [Fact]
    public void Clean_malware_scan_has_no_threats_and_low_severity()
    {
        var finding = Parse("guardduty/malware-object-scan-no-threats.json");

        Assert.Equal("MalwareScan:NO_THREATS_FOUND", finding.Type);
        Assert.Equal(SeverityLabel.Low, finding.Severity.Label);
        Assert.Empty(finding.Scan!.Threats);
        Assert.Equal("datasets/train.csv", finding.Scan.Key);
        Assert.Equal("malware:ml-training-data/datasets/train.csv#b3NlY3VyZS1kYXRhc2V0LXYxLjAuMA..", finding.DedupeKey);
    }

    [Fact]
    public void Attach_admin_policy_names_actor_target_and_policy()
    {
        var finding = Parse("cloudtrail/iam-attach-user-policy-admin.json");

        Assert.Equal("iam:AttachUserPolicy", finding.Type);
        Assert.Equal("cloudtrail:c4f2a8e1-3b6d-4f9a-8e2c-7d1b5a9f3e60", finding.DedupeKey);
        Assert.Equal("c4f2a8e1-3b6d-4f9a-8e2c-7d1b5a9f3e60", finding.FindingId);
        Assert.Equal(SeverityLabel.High, finding.Severity.Label);
        Assert.Equal(PrincipalKind.IamUser, finding.Principal?.Kind);
        Assert.Equal("data-scientist-bob", finding.Principal?.Name);
        Assert.Equal("AKIAQXDATASCIBOB0001", finding.Principal?.AccessKeyId);
        Assert.Equal(new Resource(ResourceKind.IamUser, "intern-sam"), Resource.Of(finding));
        Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", finding.Resource?.Attributes["policyArn"]);
        var call = Assert.IsType<ApiCall>(finding.ApiCall);
        Assert.Null(call.ErrorCode);
        Assert.Equal("iam.amazonaws.com", call.EventSource);
        Assert.Equal("AttachUserPolicy", call.EventName);
        Assert.Equal("203.0.113.77", call.SourceIp);
        Assert.Equal(JsonValueKind.Null, call.ResponseElements.ValueKind);
        Assert.Equal("data-scientist-bob called iam:AttachUserPolicy on intern-sam", finding.Title);
    }

    [Fact]
    public void Denied_attach_carries_the_error_code()
    {
        var finding = Parse("cloudtrail/iam-attach-user-policy-denied.json");

        Assert.Equal("AccessDenied", finding.ApiCall?.ErrorCode);
        Assert.Equal(JsonValueKind.Null, finding.ApiCall?.ResponseElements.ValueKind);
        Assert.Equal(new Resource(ResourceKind.IamUser, "intern-sam"), Resource.Of(finding));
        Assert.EndsWith("(failed: AccessDenied)", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcard_role_policy_names_the_instance_role_session_and_the_target_role()
    {
        var finding = Parse("cloudtrail/iam-put-role-policy-wildcard.json");

        Assert.Equal("iam:PutRolePolicy", finding.Type);
        var principal = Assert.IsType<Principal>(finding.Principal);
        Assert.Equal(PrincipalKind.AssumedRole, principal.Kind);
        Assert.Equal("ml-training-ec2-role", principal.Name);
        Assert.Equal("arn:aws:iam::123456789012:role/ml-training-ec2-role", principal.Arn);
        Assert.Equal("i-0abc1234def567890", principal.SessionName);
        Assert.Equal("i-0abc1234def567890", principal.Ec2InstanceId);
        Assert.Equal(new Resource(ResourceKind.IamRole, "sagemaker-exec"), Resource.Of(finding));
        Assert.Equal("debug-full-access", finding.Resource?.Attributes["policyName"]);
        var document = RequestParameters.GetJsonDocumentText(finding.ApiCall!.RequestParameters, "policyDocument");
        using var policy = JsonDocument.Parse(document!);
        Assert.Equal("*", policy.RootElement.GetProperty("Statement")[0].GetProperty("Action").GetString());
    }

    [Fact]
    public void Create_access_key_for_another_user_names_the_new_key_without_a_secret()
    {
        var finding = Parse("cloudtrail/iam-create-access-key-other-user.json");

        Assert.Equal("iam:CreateAccessKey", finding.Type);
        Assert.Equal("data-scientist-bob", finding.Principal?.Name);
        Assert.Equal(new Resource(ResourceKind.IamUser, "intern-sam"), Resource.Of(finding));
        Assert.Equal("AKIAQXINTERNSAM00001", finding.Resource?.Attributes["accessKeyId"]);
        var accessKey = RequestParameters.GetObject(finding.ApiCall!.ResponseElements, "accessKey");
        Assert.NotNull(accessKey);
        Assert.Null(RequestParameters.GetString(accessKey.Value, "secretAccessKey"));
        Assert.Equal("Jun 14, 2025 9:21:55 AM", RequestParameters.GetString(accessKey.Value, "createDate"));
    }

    [Fact]
    public void Aws_quarantine_keeps_the_internal_user_agent()
    {
        var finding = Parse("cloudtrail/iam-put-user-policy-aws-quarantine.json");

        Assert.Equal("iam:PutUserPolicy", finding.Type);
        Assert.Equal("AWS Internal", finding.ApiCall?.UserAgent);
        Assert.Equal("AWS Internal", finding.ApiCall?.SourceIp);
        Assert.Equal(new Resource(ResourceKind.IamUser, "etl-service-user"), Resource.Of(finding));
        Assert.Equal("AWSCompromisedKeyQuarantine", finding.Resource?.Attributes["policyName"]);
    }

    [Fact]
    public void Untrusted_training_job_names_the_job_and_keeps_its_request()
    {
        var finding = Parse("cloudtrail/sagemaker-create-training-job-untrusted.json");

        Assert.Equal("sagemaker:CreateTrainingJob", finding.Type);
        var resource = Assert.IsType<ResourceRef>(finding.Resource);
        Assert.Equal(ResourceKind.TrainingJob, resource.Kind);
        Assert.Equal("churn-model-2025", resource.Id);
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-model-2025", resource.Arn);
        Assert.Equal("arn:aws:iam::123456789012:role/sagemaker-exec", resource.Attributes["roleArn"]);
        var request = finding.ApiCall!.RequestParameters;
        Assert.Equal("s3://datasets-mirror-999988887777/churn/",
            request.GetProperty("outputDataConfig").GetProperty("s3OutputPath").GetString());
        Assert.False(request.GetProperty("outputDataConfig").TryGetProperty("kmsKeyId", out _));
        Assert.StartsWith("999988887777.dkr.ecr.", request.GetProperty("algorithmSpecification").GetProperty("trainingImage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Access_keys_rotated_names_the_user_by_id_only()
    {
        var finding = Parse("config/access-keys-rotated-noncompliant.json");

        Assert.Equal(FindingSource.Config, finding.Source);
        Assert.Equal("access-keys-rotated", finding.Type);
        Assert.Equal(5, finding.Severity.Score);
        Assert.Equal(SeverityLabel.Medium, finding.Severity.Label);
        Assert.Equal("config:access-keys-rotated:AIDAQXETLSERVICE00001:2025-06-15T19:03:50.251Z", finding.DedupeKey);
        Assert.Equal(new Resource(ResourceKind.IamUser, "AIDAQXETLSERVICE00001"), Resource.Of(finding));
        var principal = Assert.IsType<Principal>(finding.Principal);
        Assert.Equal(PrincipalKind.IamUser, principal.Kind);
        Assert.Null(principal.Name);
        Assert.Equal("AIDAQXETLSERVICE00001", principal.PrincipalId);
        var compliance = Assert.IsType<ComplianceChange>(finding.Compliance);
        Assert.Equal("NON_COMPLIANT", compliance.ComplianceType);
        Assert.Equal("COMPLIANT", compliance.OldComplianceType);
        Assert.Equal("AWS::IAM::User", compliance.ResourceType);
    }

    [Fact]
    public void Kms_rotation_disabled_names_the_key()
    {
        var finding = Parse("config/kms-rotation-disabled-noncompliant.json");

        Assert.Equal("cmk-backing-key-rotation-enabled", finding.Type);
        Assert.Null(finding.Principal);
        var resource = Assert.IsType<ResourceRef>(finding.Resource);
        Assert.Equal(ResourceKind.KmsKey, resource.Kind);
        Assert.Equal("7f3c9a2e-51d4-4b8e-9c6a-2d1e0f4b8a73", resource.Id);
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/7f3c9a2e-51d4-4b8e-9c6a-2d1e0f4b8a73", resource.Arn);
    }

    private static Finding Parse(string file)
    {
        var result = SampleEvents.Parse(file);
        Assert.True(result.IsSuccess, $"{file}: {result.Error?.Message}");
        return result.Finding;
    }

    private sealed record Resource(ResourceKind Kind, string Id)
    {
        public static Resource? Of(Finding finding) =>
            finding.Resource is { } r ? new Resource(r.Kind, r.Id) : null;
    }
}
