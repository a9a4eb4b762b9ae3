using System.Globalization;
using System.Text;

namespace Remediation.Core.Aws.Protocol;

/// <summary>
/// Builds a Query-protocol body: Action, Version, then members in the order added (callers add them in model order,
/// as botocore serializes them). Null members are left out.
/// </summary>
internal sealed class QueryRequest(string action, string version)
{
    private readonly List<KeyValuePair<string, string>> _members = [];

    public string Action { get; } = action;

    public QueryRequest Add(string name, string? value)
    {
        if (value is not null)
        {
            _members.Add(new(name, value));
        }

        return this;
    }

    public QueryRequest Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>A non-flattened map: Name.entry.N.&lt;key&gt; / Name.entry.N.&lt;value...&gt; with N 1-based (docs/aws-reference.md §B0).</summary>
    public QueryRequest AddMap<T>(string name, IEnumerable<KeyValuePair<string, T>> entries, Action<QueryRequest, string, T> addValue)
    {
        var index = 0;
        foreach (var (key, value) in entries)
        {
            index++;
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{name}.entry.{index}");
            Add(prefix + ".Name", key);
            addValue(this, prefix + ".Value", value);
        }

        return this;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters =>
        [new("Action", Action), new("Version", version), .. _members];

    public AwsWireRequest ToWire() => new(
        Action,
        Encoding.UTF8.GetBytes(FormEncoding.Encode(Parameters)),
        "application/x-www-form-urlencoded; charset=utf-8",
        new Dictionary<string, string>());
}
