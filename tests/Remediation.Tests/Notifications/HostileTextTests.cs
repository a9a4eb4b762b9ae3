using System.Globalization;
using System.Text;
using Remediation.Core.Notifications;
using Remediation.Tests.Events;

namespace Remediation.Tests.Notifications;

/// <summary>
/// Bidi overrides, zero-width characters, lone surrogates and absurd numbers in any field of any sample: parsing either
/// rejects the event with a named error or the notification composes, and none of those characters reaches its text.
/// </summary>
public sealed class HostileTextTests
{
    // U+202E right-to-left override, U+2066 isolate, U+200B zero width space, U+FEFF, a lone high surrogate.
    private const string Hostile = "\u202Eevil\u2066\u200B\uFEFF\uD800x";

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in SampleEvents.All())
        {
            data.Add(file);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_string_and_number_made_hostile_still_composes_clean_text(string file)
    {
        var node = SampleEvents.Node(file);
        Poison(node["detail"]);
        node["account"] = Hostile + "123456789012";
        node["region"] = "us-east-1" + Hostile;
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("\"__NUMBER__\"", "1e400", StringComparison.Ordinal));
        var parsed = EventParser.Parse(bytes);
        if (!parsed.IsSuccess)
        {
            Assert.False(string.IsNullOrEmpty(parsed.Error!.Code)); // a named rejection is an acceptable end
            return;
        }
        var finding = parsed.Finding!;
        var action = new Core.Incidents.ActionRecord("iam:DenyAllUser", "arn:aws:iam::1:user/" + Hostile, Hostile, new Dictionary<string, string>(),
            ActionStatus.Done, Hostile, Hostile, null);
        var report = new IncidentReport("Notify", "inc-0123456789abcdef0123", IncidentOutcome.Remediated, Hostile, finding,
            new Headline("Contained " + Hostile, "Would contain " + Hostile), [action], [Hostile]) { Evidence = [Hostile] };

        var message = NotificationComposer.Compose(report, "remediate rollback inc-0123456789abcdef0123");

        foreach (var text in new[] { message.Subject, message.Text }.Concat(message.Attributes.Values))
        {
            Assert.DoesNotContain(text, c => char.IsSurrogate(c) && !IsPaired(text, c));
            Assert.False(text.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format), $"{file}: a format character reached: {text}");
        }
        using var body = JsonDocument.Parse(message.Body);
        Assert.Equal(JsonValueKind.Object, body.RootElement.ValueKind);
        Assert.True(message.Subject.Length < 100);
    }

    private static bool IsPaired(string text, char c)
    {
        var i = text.IndexOf(c, StringComparison.Ordinal);
        return char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : i > 0 && char.IsHighSurrogate(text[i - 1]);
    }

    private static void Poison(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                {
                    if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        o[key] = v.GetValue<string>() + Hostile;
                    }
                    else if (o[key] is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
                    {
                        o[key] = "__NUMBER__";
                    }
                    else
                    {
                        Poison(o[key]);
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        a[i] = v.GetValue<string>() + Hostile;
                    }
                    else
                    {
                        Poison(a[i]);
                    }
                }
                break;
        }
    }
}
