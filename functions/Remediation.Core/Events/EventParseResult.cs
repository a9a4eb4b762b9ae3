using System.Diagnostics.CodeAnalysis;

namespace Remediation.Core.Events;

/// <summary>The outcome of <see cref="EventParser.Parse(ReadOnlySpan{byte})"/>: a finding, or an error.</summary>
public sealed record EventParseResult
{
    private EventParseResult(Finding? finding, EventEnvelope? envelope, ParseError? error)
    {
        Finding = finding;
        Envelope = envelope;
        Error = error;
    }

    /// <summary>True when the event was normalized into <see cref="Finding"/>.</summary>
    [MemberNotNullWhen(true, nameof(Finding), nameof(Envelope))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess
    {
        get
        {
            if (Error is not null)
            {
                return false;
            }

            // The factories below set either an error or a finding with its envelope.
            return Finding is not null && Envelope is not null
                ? true
                : throw new InvalidOperationException("A parse result holds neither a finding nor an error.");
        }
    }

    /// <summary>The normalized finding, on success.</summary>
    public Finding? Finding { get; }

    /// <summary>The envelope, whenever it parsed (also when the detail did not), for logging and reporting.</summary>
    public EventEnvelope? Envelope { get; }

    /// <summary>Why parsing failed, on failure.</summary>
    public ParseError? Error { get; }

    internal static EventParseResult Success(EventEnvelope envelope, Finding finding) => new(finding, envelope, null);

    internal static EventParseResult Failure(ParseError error, EventEnvelope? envelope = null) => new(null, envelope, error);
}
