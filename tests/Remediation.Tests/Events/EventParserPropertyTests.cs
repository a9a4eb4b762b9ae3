using System.Text;
using CsCheck;

namespace Remediation.Tests.Events;

/// <summary>Random damage to the sample events never makes the parser throw; it gives a finding or an error.</summary>
public class EventParserPropertyTests
{
    private static readonly string[] Files = [.. SampleEvents.All()];
    private static readonly byte[][] Samples = [.. Files.Select(SampleEvents.Bytes)];

    [Fact]
    public void Byte_mutations_never_throw()
    {
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte);
        var gen = Gen.Select(Gen.Int[0, Samples.Length - 1], mutation.Array[1, 8]);

        gen.Sample((file, mutations) =>
        {
            var bytes = Samples[file].ToList();
            foreach (var (kind, at, value) in mutations)
            {
                var index = at % Math.Max(bytes.Count, 1);
                switch (kind)
                {
                    case 0 when bytes.Count > 0: bytes[index] = value; break;
                    case 1 when bytes.Count > 0: bytes.RemoveAt(index); break;
                    case 2: bytes.Insert(index, value); break;
                    default: bytes.RemoveRange(index, bytes.Count - index); break;
                }
            }

            AssertWellFormed(EventParser.Parse(bytes.ToArray()));
        }, iter: 3000);
    }

    [Fact]
    public void Json_value_replacements_never_throw()
    {
        var gen = Gen.Select(Gen.Int[0, Samples.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[0, 9], Gen.String);

        gen.Sample((file, at, kind, text) =>
        {
            var root = JsonNode.Parse(Samples[file])!;
            var slots = Slots(root).ToList();
            var (parent, key) = slots[at % slots.Count];
            Replace(parent, key, kind, text);

            var result = EventParser.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()));

            AssertWellFormed(result);
            if (!result.IsSuccess && result.Error.Code is ParseErrorCodes.MissingField or ParseErrorCodes.WrongType)
            {
                // A field error names where it is: a path in the event, or the event itself.
                Assert.Matches(@"^(the event|[A-Za-z][A-Za-z0-9\-]*(\.[A-Za-z0-9\-:]+|\[\d+\])*) ", result.Error.Message);
            }
        }, iter: 5000);
    }

    private static void AssertWellFormed(EventParseResult result)
    {
        if (result.IsSuccess)
        {
            Assert.False(string.IsNullOrEmpty(result.Finding.DedupeKey));
            Assert.False(string.IsNullOrEmpty(result.Finding.Type));
            Assert.NotNull(result.Finding.Title);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Error.Code));
            Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
        }
    }

    /// <summary>Every (container, member name or index) in the document.</summary>
    private static IEnumerable<(JsonNode Parent, object Key)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    yield return (obj, name);
                    if (child is not null)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i);
                    if (array[i] is { } child)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode parent, object key, int kind, string text)
    {
        JsonNode? value = kind switch
        {
            0 => null,
            1 => JsonValue.Create(text),
            2 => JsonValue.Create(text.Length * 1.5),
            3 => JsonValue.Create(text.Length % 2 == 0),
            4 => new JsonObject(),
            5 => new JsonArray(),
            6 => new JsonArray(JsonValue.Create(text)),
            7 => new JsonObject { [text] = text },
            _ => JsonValue.Create(""),
        };
        switch (parent, key)
        {
            case (JsonObject obj, string name) when kind == 9:
                obj.Remove(name);
                break;
            case (JsonObject obj, string name):
                obj[name] = value;
                break;
            case (JsonArray array, int index):
                array[index] = value;
                break;
        }
    }
}
