using System.Globalization;

namespace Remediation.Tests.Routing;

/// <summary>Event shapes from docs/aws-reference.md (§A1 GuardDuty, §A3 CloudTrail, §A4 Config), trimmed to what the rules read.</summary>
internal static class SampleEvents
{
    public static string GuardDuty(double severity, string resourceType = "AccessKey", bool? sample = null)
    {
        var additionalInfo = sample is { } s ? $$"""{"sample":{{(s ? "true" : "false")}}}""" : "{}";
        return $$$"""
            {"version":"0","id":"0c8d1f3a-5b2e-4c6d-9e7f-8a9b0c1d2e3f","detail-type":"GuardDuty Finding",
             "source":"aws.guardduty","account":"111122223333","time":"2025-03-04T10:20:11Z","region":"us-east-1","resources":[],
             "detail":{"schemaVersion":"2.0","accountId":"111122223333","region":"us-east-1",
               "type":"UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
               "resource":{"resourceType":"{{{resourceType}}}",
                 "accessKeyDetails":{"accessKeyId":"ASIAIOSFODNN7EXAMPLE","userType":"AssumedRole","userName":"ml-training-ec2-role"}},
               "service":{"serviceName":"guardduty","action":{"actionType":"AWS_API_CALL",
                 "awsApiCallAction":{"api":"ListBuckets","remoteIpDetails":{"ipAddressV4":"198.51.100.23"}} },
                 "additionalInfo":{{{additionalInfo}}},"archived":false,"count":3},
               "severity":{{{severity.ToString(CultureInfo.InvariantCulture)}}}}}
            """;
    }

    public static string CloudTrail(string eventName, string? errorCode = null, string userArn = "arn:aws:iam::111122223333:user/alice")
    {
        var error = errorCode is null ? "" : $$""","errorCode":"{{errorCode}}","errorMessage":"denied" """;
        return $$$"""
            {"version":"0","id":"4186524f-f288-ecb2-0052-9c149bfbbbe2","detail-type":"AWS API Call via CloudTrail",
             "source":"aws.iam","account":"111122223333","time":"2025-03-04T10:20:11Z","region":"us-east-1","resources":[],
             "detail":{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"{{{userArn}}}","userName":"alice"},
               "eventSource":"iam.amazonaws.com","eventName":"{{{eventName}}}","awsRegion":"us-east-1",
               "sourceIPAddress":"203.0.113.7","requestParameters":{"userName":"svc-backdoor",
               "policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"},"responseElements":null,
               "eventID":"1f5ed731-9b01-4a5c-a1db-57f55e636789","eventType":"AwsApiCall"{{{error}}}}}
            """;
    }

    public static string ConfigCompliance(string ruleName, string complianceType) => $$$"""
        {"version":"0","id":"c0bb891c-77fe-8518-14fc-be78b966f95b","detail-type":"Config Rules Compliance Change",
         "source":"aws.config","account":"477575873490","time":"2021-04-19T19:04:05Z","region":"us-east-1","resources":[],
         "detail":{"resourceId":"AIDAW6MN5QPJPMC7R4QBE","configRuleName":"{{{ruleName}}}","messageType":"ComplianceChangeNotification",
           "newEvaluationResult":{"complianceType":"{{{complianceType}}}"},"resourceType":"AWS::IAM::User"}}
        """;
}
