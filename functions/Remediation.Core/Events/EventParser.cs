using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Remediation.Core.Events;

/// <summary>
/// Stream → Envelope → Finding (docs/architecture.md §path). Bad input never throws:
/// every problem becomes a <see cref="ParseError"/> naming the field.
/// </summary>
public static class EventParser
{
    /// <summary>
    /// The largest input accepted, 1 MiB. EventBridge events are at most 256 KB, so anything bigger did not come
    /// from EventBridge and is refused without being parsed.
    /// </summary>
    public const int MaxEventBytes = 1024 * 1024;

    /// <summary>Parses one EventBridge event given as UTF-8 JSON.</summary>
    /// <param name="utf8">The event bytes.</param>
    public static EventParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxEventBytes)
        {
            return Fail(ParseErrorCodes.TooLarge,
                $"the event is {utf8.Length} bytes; the limit is {MaxEventBytes} (EventBridge events are at most 256 KB)");
        }

        utf8 = WithoutByteOrderMark(utf8);
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Fail(ParseErrorCodes.Empty, "the event is empty");
        }

        // Invalid UTF-8 would otherwise surface later, from inside a JsonElement read.
        if (!Utf8.IsValid(utf8))
        {
            return Fail(ParseErrorCodes.MalformedJson, "the event is not valid UTF-8");
        }

        if (SyntaxError(utf8) is { } syntaxError)
        {
            return EventParseResult.Failure(syntaxError);
        }

        EventEnvelope envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(utf8, EventJsonContext.Default.EventEnvelope)
                ?? throw new JsonException("null event", "$", null, null);
        }
        catch (JsonException e)
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            return EventParseResult.Failure(WrongType(document.RootElement, e.Path, prefix: null));
        }

        try
        {
            return EventParseResult.Success(envelope, Normalize(envelope));
        }
        catch (InvalidEventException e)
        {
            return EventParseResult.Failure(e.Error, envelope);
        }
    }

    /// <summary>
    /// Parses one event from a stream, reading at most <see cref="MaxEventBytes"/> + 1 bytes: a longer stream is
    /// <c>too-large</c> and the rest of it is not read.
    /// </summary>
    /// <param name="utf8">The event stream (Lambda's input stream).</param>
    public static EventParseResult Parse(Stream utf8)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxEventBytes + 1);
        var length = 0;
        try
        {
            int read;
            while (length <= MaxEventBytes && (read = utf8.Read(buffer, length, MaxEventBytes + 1 - length)) > 0)
            {
                length += read;
            }

            return ParseBuffered(buffer.AsSpan(0, length));
        }
        finally
        {
            Return(buffer, length);
        }
    }

    /// <summary>Like <see cref="Parse(Stream)"/>, reading asynchronously.</summary>
    /// <param name="utf8">The event stream (Lambda's input stream).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<EventParseResult> ParseAsync(Stream utf8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxEventBytes + 1);
        var length = 0;
        try
        {
            int read;
            while (length <= MaxEventBytes
                   && (read = await utf8.ReadAsync(buffer.AsMemory(length, MaxEventBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            return ParseBuffered(buffer.AsSpan(0, length));
        }
        finally
        {
            Return(buffer, length);
        }
    }

    // The result owns copies of what it keeps (the serializer clones JsonElements), so the buffer can go back.
    private static EventParseResult ParseBuffered(ReadOnlySpan<byte> utf8) =>
        utf8.Length > MaxEventBytes
            ? Fail(ParseErrorCodes.TooLarge, $"the event is larger than {MaxEventBytes} bytes (EventBridge events are at most 256 KB)")
            : Parse(utf8);

    private static void Return(byte[] buffer, int length)
    {
        buffer.AsSpan(0, length).Clear(); // events name people and keys; do not leave them in a shared pool
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private static Finding Normalize(EventEnvelope envelope)
    {
        var detailType = Required.String(envelope.DetailType, "detail-type");
        if (detailType is not (DetailTypes.GuardDutyFinding or DetailTypes.MalwareObjectScanResult
            or DetailTypes.CloudTrailApiCall or DetailTypes.ConfigComplianceChange or DetailTypes.MacieFinding or DetailTypes.HealthEvent
            or DetailTypes.ScheduledEvent))
        {
            throw new InvalidEventException(new ParseError(ParseErrorCodes.UnsupportedDetailType,
                $"detail-type \"{detailType}\" (source \"{envelope.Source}\") is not handled; expected one of "
                + $"\"{DetailTypes.GuardDutyFinding}\", \"{DetailTypes.MalwareObjectScanResult}\", "
                + $"\"{DetailTypes.CloudTrailApiCall}\", \"{DetailTypes.ConfigComplianceChange}\", \"{DetailTypes.MacieFinding}\", \"{DetailTypes.HealthEvent}\", "
                + $"\"{DetailTypes.ScheduledEvent}\""));
        }

        var facts = new EnvelopeFacts(
            Required.String(envelope.Id, "id"),
            Required.String(envelope.Source, "source"),
            Required.String(envelope.Account, "account"),
            Required.String(envelope.Region, "region"),
            Required.Value(envelope.Time, "time"),
            Required.JsonObject(envelope.Detail, "detail"));

        return detailType switch
        {
            DetailTypes.GuardDutyFinding => GuardDutyNormalizer.Normalize(facts, Detail(facts, EventJsonContext.Default.GuardDutyFindingDetail)),
            DetailTypes.MalwareObjectScanResult => MalwareScanNormalizer.Normalize(facts, Detail(facts, EventJsonContext.Default.MalwareScanDetail)),
            DetailTypes.CloudTrailApiCall => CloudTrailNormalizer.Normalize(facts, Detail(facts, EventJsonContext.Default.CloudTrailDetail)),
            DetailTypes.MacieFinding => MacieNormalizer.Normalize(facts, Detail(facts, EventJsonContext.Default.MacieFindingDetail)),
            DetailTypes.HealthEvent => HealthNormalizer.Normalize(facts, Detail(facts, EventJsonContext.Default.HealthEventDetail)),
            DetailTypes.ScheduledEvent => ScheduleNormalizer.Normalize(facts, envelope.Resources),
            _ => ConfigNormalizer.Normalize(facts, Detail(facts, EventJsonContext.Default.ConfigComplianceDetail)),
        };
    }

    private static T Detail<T>(EnvelopeFacts facts, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(facts.Detail, typeInfo) ?? throw InvalidEventException.Missing("detail");
        }
        catch (JsonException e)
        {
            throw new InvalidEventException(WrongType(facts.Detail, e.Path, "detail"));
        }
    }

    private static ParseError WrongType(JsonElement root, string? jsonPath, string? prefix)
    {
        var path = JsonPath.ToEventPath(jsonPath, prefix);
        var found = JsonPath.KindAt(root, jsonPath) is { } kind ? $" (found {kind})" : "";
        return new ParseError(ParseErrorCodes.WrongType, $"{path} has the wrong type or format{found}");
    }

    private static ParseError? SyntaxError(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        try
        {
            reader.Read();
            var root = reader.TokenType;
            reader.Skip();
            while (reader.Read())
            {
                // Reading to the end makes the reader reject trailing content after the root value.
            }

            return root == JsonTokenType.StartObject
                ? null
                : new ParseError(ParseErrorCodes.WrongType, $"the event must be a JSON object, got {Describe(root)}");
        }
        catch (JsonException e)
        {
            return new ParseError(ParseErrorCodes.MalformedJson, $"the event is not valid JSON: {e.Message}");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    private static EventParseResult Fail(string code, string message) =>
        EventParseResult.Failure(new ParseError(code, message));
}
