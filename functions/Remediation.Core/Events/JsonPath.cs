using System.Globalization;
using System.Text.Json;

namespace Remediation.Core.Events;

/// <summary>Turns the serializer's JSON paths ("$.resource['x'][0]") into event paths ("detail.resource.x[0]").</summary>
internal static class JsonPath
{
    public static string ToEventPath(string? jsonPath, string? prefix)
    {
        var segments = Segments(jsonPath);
        var path = string.Concat(segments.Select((s, i) => s.Index is { } index
            ? $"[{index.ToString(CultureInfo.InvariantCulture)}]"
            : (i == 0 ? "" : ".") + s.Name));
        return (prefix, path) switch
        {
            (null, "") => "the event",
            (null, _) => path,
            (_, "") => prefix,
            _ when path.StartsWith('[') => prefix + path,
            _ => prefix + "." + path,
        };
    }

    /// <summary>The JSON kind found at the path, when it can be followed.</summary>
    public static JsonValueKind? KindAt(JsonElement root, string? jsonPath)
    {
        var current = root;
        foreach (var segment in Segments(jsonPath))
        {
            if (segment.Index is { } index)
            {
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment.Name, out current))
            {
                return null;
            }
        }

        return current.ValueKind;
    }

    private readonly record struct Segment(string Name, int? Index);

    private static List<Segment> Segments(string? jsonPath)
    {
        var segments = new List<Segment>();
        var path = jsonPath ?? "$";
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(new Segment(path[(i + 1)..end], null));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(new Segment(path[(i + 2)..end], null));
                i = Math.Min(end + 2, path.Length);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                end = end < 0 ? path.Length : end;
                var index = int.TryParse(path.AsSpan((i + 1)..end), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
                segments.Add(index >= 0 ? new Segment("", index) : new Segment(path[(i + 1)..end], null));
                i = Math.Min(end + 1, path.Length);
            }
            else
            {
                break;
            }
        }

        return segments;
    }
}
