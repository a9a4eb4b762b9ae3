namespace Remediation.Core.Events;

/// <summary>
/// Raised inside the normalizers when a field is missing or ill-typed; <see cref="EventParser"/>
/// turns it into a <see cref="ParseError"/>. It never leaves the parser.
/// </summary>
internal sealed class InvalidEventException : Exception
{
    public InvalidEventException(ParseError error) : base(error.Message) => Error = error;

    public InvalidEventException() : this(new ParseError(ParseErrorCodes.MissingField, "the event is invalid")) { }

    public InvalidEventException(string message) : this(new ParseError(ParseErrorCodes.MissingField, message)) { }

    public InvalidEventException(string message, Exception innerException) : base(message, innerException) =>
        Error = new ParseError(ParseErrorCodes.MissingField, message);

    public ParseError Error { get; }

    public static InvalidEventException Missing(string path) =>
        new(new ParseError(ParseErrorCodes.MissingField, $"{path} is missing"));

    public static InvalidEventException WrongType(string path, string expected, string actual) =>
        new(new ParseError(ParseErrorCodes.WrongType, $"{path} must be {expected}, got {actual}"));
}
