namespace Remediation.Core.Aws;

/// <summary>An error an AWS service answered with, normalised across Query and JSON protocols.</summary>
public sealed class AwsServiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsServiceException(string service, string errorCode, string message, int statusCode, string? requestId)
        : base($"{service} {errorCode} ({statusCode}): {message}")
    {
        Service = service;
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
        ServiceMessage = message;
    }

    /// <summary>Creates an exception with only a message (serializer/tooling use).</summary>
    public AwsServiceException() : this("unknown", "Unknown", "", 0, null) { }

    /// <summary>Creates an exception with only a message.</summary>
    public AwsServiceException(string message) : this("unknown", "Unknown", message, 0, null) { }

    /// <summary>Creates an exception with only a message and inner exception.</summary>
    public AwsServiceException(string message, Exception innerException) : base(message, innerException)
    {
        Service = "unknown";
        ErrorCode = "Unknown";
        ServiceMessage = message;
    }

    /// <summary>"iam", "sns", "sagemaker".</summary>
    public string Service { get; }

    /// <summary>True when IAM said the entity does not exist (deleted since the event).</summary>
    public bool IsNoSuchEntity => ErrorCode == AwsErrorCodes.NoSuchEntity;

    /// <summary>The error code without namespace: "NoSuchEntity", "ValidationException", "Throttling".</summary>
    public string ErrorCode { get; }

    /// <summary>The service's message text.</summary>
    public string ServiceMessage { get; }

    /// <summary>HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The request id, when the service gave one.</summary>
    public string? RequestId { get; }
}
