using System.Globalization;
using System.Net;
using System.Text;

namespace Remediation.Tests.Routing.Differential;

/// <summary>
/// Random patterns for a given event, restricted to operators both moto and our matcher implement the AWS way.
/// Values are drawn from the event half of the time so that the corpus holds both matches and misses.
/// </summary>
internal sealed class PatternGenerator(Random random)
{
    public JsonObject Next(JsonObject evt)
    {
        var fields = CorpusField.All.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var pattern = new JsonObject();
        if (fields.Count >= 2 && random.NextDouble() < 0.25)
        {
            AddOr(pattern, fields[0], fields[1], evt);
            fields = fields[2..];
        }
        foreach (var field in fields)
        {
            JsonTree.Set(pattern, field.Path, Leaf(field, evt));
        }
        return pattern;
    }

    private void AddOr(JsonObject pattern, CorpusField first, CorpusField second, JsonObject evt)
    {
        // Under "detail" when both fields live there, to exercise $or below the root.
        var shared = first.Path[0] == "detail" && second.Path[0] == "detail" ? 1 : 0;
        var alternatives = new JsonArray();
        foreach (var field in new[] { first, second })
        {
            var alternative = new JsonObject();
            JsonTree.Set(alternative, field.Path[shared..], Leaf(field, evt));
            alternatives.Add(alternative);
        }
        JsonTree.Set(pattern, [.. first.Path[..shared], "$or"], alternatives);
    }

    private JsonArray Leaf(CorpusField field, JsonObject evt)
    {
        var present = JsonTree.ValuesAt(evt, field.Path);
        var leaf = new JsonArray();
        var count = random.NextDouble() < 0.7 ? 1 : 2;
        for (var i = 0; i < count; i++)
        {
            leaf.Add(Alternative(field.Kind, present));
        }
        return leaf;
    }

    private JsonNode? Alternative(FieldKind kind, IReadOnlyList<JsonNode?> present) => kind switch
    {
        FieldKind.Text or FieldKind.TextList or FieldKind.NullableText => TextAlternative(SampleText(present)),
        FieldKind.Number or FieldKind.NumberList => NumberAlternative(SampleNumber(present)),
        FieldKind.Boolean => BooleanAlternative(),
        FieldKind.IpAddress => IpAlternative(SampleText(present, CorpusValues.IpAddresses)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private JsonNode? TextAlternative(string s)
    {
        var cut = random.Next(s.Length + 1);
        return random.Next(16) switch
        {
            0 or 1 => s,
            2 => Op("prefix", s[..cut]),
            3 => Op("prefix", Op("equals-ignore-case", MangleCase(s[..cut]))),
            4 => Op("suffix", s[cut..]),
            5 => Op("suffix", Op("equals-ignore-case", MangleCase(s[cut..]))),
            6 => Op("equals-ignore-case", MangleCase(s)),
            7 => Op("anything-but", s),
            8 => Op("anything-but", new JsonArray(s, Pick(CorpusValues.Texts))),
            9 => Op("anything-but", Op(random.Next(2) == 0 ? "prefix" : "suffix", random.Next(2) == 0 ? s[..cut] : s[cut..])),
            10 => Op("anything-but", Op("equals-ignore-case", random.Next(2) == 0 ? MangleCase(s) : new JsonArray(MangleCase(s), Pick(CorpusValues.Texts)))),
            11 => Op("anything-but", Op("wildcard", Wildcard(s))),
            12 or 13 => Op("wildcard", Wildcard(s)),
            14 => Op("exists", random.Next(2) == 0),
            _ => null,
        };
    }

    private JsonNode NumberAlternative(object n)
    {
        var other = Pick(CorpusValues.Numbers);
        var (low, high) = Compare(n, other) <= 0 ? (n, other) : (other, n);
        return random.Next(9) switch
        {
            0 or 1 => JsonTree.Number(n),
            2 => Op("numeric", new JsonArray(Pick([">", ">=", "<", "<=", "="]), JsonTree.Number(n))),
            3 or 4 => Op("numeric", new JsonArray(Pick([">", ">="]), JsonTree.Number(low), Pick(["<", "<="]), JsonTree.Number(high))),
            5 => Op("anything-but", JsonTree.Number(n)),
            6 => Op("anything-but", new JsonArray(JsonTree.Number(n), JsonTree.Number(other))),
            7 => Op("exists", random.Next(2) == 0),
            _ => "5",
        };
    }

    private JsonNode? BooleanAlternative() => random.Next(6) switch
    {
        0 or 1 => random.Next(2) == 0,
        2 => Op("exists", random.Next(2) == 0),
        3 => "true",
        4 => Op("anything-but", "true"),
        _ => null,
    };

    private JsonNode IpAlternative(string ip) => random.Next(5) switch
    {
        0 or 1 => Op("cidr", Cidr(ip)),
        2 => ip,
        3 => Op("prefix", ip[..random.Next(ip.Length + 1)]),
        _ => Op("exists", random.Next(2) == 0),
    };

    private string Cidr(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address) || !ip.Contains('.', StringComparison.Ordinal) && !ip.Contains(':', StringComparison.Ordinal))
        {
            address = IPAddress.Parse("10.0.0.0");
        }
        var bytes = address.GetAddressBytes();
        var length = bytes.Length == 4 ? random.Next(8, 32) : random.Next(16, 128);
        for (var bit = length; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return $"{new IPAddress(bytes)}/{length.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A wildcard that matches <paramref name="s"/> with one or two spans replaced by '*', or a near miss.</summary>
    private string Wildcard(string s)
    {
        var starred = new bool[s.Length + 1]; // starred[i]: a star stands before character i
        var replaced = new bool[s.Length];
        for (var spans = random.Next(1, 3); spans > 0; spans--)
        {
            var start = random.Next(s.Length + 1);
            var end = Math.Min(s.Length, start + random.Next(4));
            starred[start] = true;
            for (var i = start; i < end; i++)
            {
                replaced[i] = true;
            }
        }
        var text = new StringBuilder();
        var lastWasStar = false;
        for (var i = 0; i <= s.Length; i++)
        {
            if (starred[i] && !lastWasStar)
            {
                text.Append('*');
                lastWasStar = true;
            }
            if (i < s.Length && !replaced[i])
            {
                text.Append(s[i] is '*' or '\\' ? $"\\{s[i]}" : s[i].ToString());
                lastWasStar = false;
            }
        }
        return random.NextDouble() < 0.2 ? text.Append('q').ToString() : text.ToString();
    }

    private string MangleCase(string s) =>
        string.Concat(s.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));

    private string SampleText(IReadOnlyList<JsonNode?> present, IReadOnlyList<string>? pool = null)
    {
        var texts = present.OfType<JsonValue>().Where(v => v.TryGetValue<string>(out _)).Select(v => v.GetValue<string>()).ToList();
        return texts.Count > 0 && random.Next(2) == 0 ? Pick(texts) : Pick(pool ?? CorpusValues.Texts);
    }

    private object SampleNumber(IReadOnlyList<JsonNode?> present)
    {
        var numbers = present.OfType<JsonValue>()
            .Select(v => v.TryGetValue<int>(out var i) ? (object)i : v.TryGetValue<double>(out var d) ? d : null)
            .OfType<object>().ToList();
        return numbers.Count > 0 && random.Next(2) == 0 ? Pick(numbers) : Pick(CorpusValues.Numbers);
    }

    private static int Compare(object a, object b) =>
        Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture));

    private static JsonObject Op(string name, JsonNode? value) => new() { [name] = value };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
