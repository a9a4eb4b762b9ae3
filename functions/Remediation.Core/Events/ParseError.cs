namespace Remediation.Core.Events;

/// <summary>Why an event could not be turned into a finding.</summary>
/// <param name="Code">One of <see cref="ParseErrorCodes"/>.</param>
/// <param name="Message">What is wrong, naming the JSON path of the field ("detail.resource.accessKeyDetails.userName is missing").</param>
public sealed record ParseError(string Code, string Message);

/// <summary>The codes a <see cref="ParseError"/> can carry.</summary>
public static class ParseErrorCodes
{
    /// <summary>The input is not valid JSON.</summary>
    public const string MalformedJson = "malformed-json";

    /// <summary>A required field is absent or null.</summary>
    public const string MissingField = "missing-field";

    /// <summary>A field has a JSON type other than the documented one.</summary>
    public const string WrongType = "wrong-type";

    /// <summary>The detail-type is not one this product handles.</summary>
    public const string UnsupportedDetailType = "unsupported-detail-type";

    /// <summary>The input is larger than <see cref="EventParser.MaxEventBytes"/>.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The input is empty or whitespace only.</summary>
    public const string Empty = "empty";
}
