using System.Text.Json;

namespace Remediation.Tool.Routing;

/// <summary>
/// An EventBridge event pattern (the <c>EventPattern</c> of a rule), parsed once and matched against events
/// with EventBridge's content-filtering semantics.
/// </summary>
public sealed class EventPattern
{
    private readonly ObjectCondition root;

    private EventPattern(ObjectCondition root) => this.root = root;

    /// <summary>Parses a pattern from its JSON text.</summary>
    /// <param name="json">The pattern, e.g. <c>{"source":["aws.guardduty"]}</c>.</param>
    /// <returns>The parsed pattern.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not JSON, or not a valid EventBridge pattern; the message names the offending path.</exception>
    public static EventPattern Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = ParseJson(json, "Event pattern");
        return new EventPattern(PatternParser.ParseRoot(document.RootElement));
    }

    /// <summary>Whether the event matches the pattern.</summary>
    /// <param name="evt">The event: a JSON object such as an EventBridge envelope.</param>
    /// <returns>True when every field condition of the pattern holds for the event.</returns>
    public bool Matches(JsonElement evt) => root.Matches(evt);

    /// <summary>Whether the event, given as JSON text, matches the pattern.</summary>
    /// <param name="eventJson">The event's JSON text.</param>
    /// <returns>True when every field condition of the pattern holds for the event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="eventJson"/> is null.</exception>
    /// <exception cref="FormatException">The text is not JSON.</exception>
    public bool Matches(string eventJson)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        using var document = ParseJson(eventJson, "Event");
        return Matches(document.RootElement);
    }

    private static JsonDocument ParseJson(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not valid JSON: {e.Message}", e);
        }
    }
}
