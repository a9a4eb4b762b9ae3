using Remediation.Core.Events;

namespace Remediation.Core.Hosting;

/// <summary>The event can never become a finding (malformed, missing fields, too large). The message names the problem.</summary>
public sealed class EventRejectedException : Exception
{
    /// <summary>Creates the exception from the parser's error.</summary>
    public EventRejectedException(ParseError error) : base($"{error?.Code}: {error?.Message}") => Error = error;

    /// <summary>Creates the exception.</summary>
    public EventRejectedException() { }

    /// <summary>Creates the exception.</summary>
    public EventRejectedException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public EventRejectedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The parser's error.</summary>
    public ParseError? Error { get; }
}
