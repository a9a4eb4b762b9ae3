using System.Text;
using System.Text.Json;

namespace Remediation.Core.Pipeline;

/// <summary>Small JSON objects of named strings for the ledger's before-state.</summary>
public static class StateJson
{
    /// <summary>{"name": "value", ...}; a null value is written as null.</summary>
    public static string Of(params (string Name, string? Value)[] members)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var (name, value) in members)
            {
                if (value is null)
                {
                    w.WriteNull(name);
                }
                else
                {
                    w.WriteString(name, value);
                }
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
