namespace Remediation.Core.Pipeline;

/// <summary>Another invocation holds a fresh claim on the incident; failing lets Lambda retry later.</summary>
public sealed class IncidentBusyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IncidentBusyException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public IncidentBusyException() { }

    /// <summary>Creates the exception.</summary>
    public IncidentBusyException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A write failed; the incident is notified and recorded as failed, and the invocation fails so Lambda retries.</summary>
public sealed class RemediationFailedException : Exception
{
    /// <summary>Creates the exception with the published result.</summary>
    public RemediationFailedException(string message, PipelineResult result) : base(message) => Result = result;

    /// <summary>Creates the exception.</summary>
    public RemediationFailedException() { }

    /// <summary>Creates the exception.</summary>
    public RemediationFailedException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public RemediationFailedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What was recorded and published.</summary>
    public PipelineResult? Result { get; }
}
