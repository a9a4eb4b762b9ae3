using System.Globalization;

namespace Remediation.Core.Configuration;

/// <summary>Reads and validates environment variables, naming the variable in every error.</summary>
public sealed class EnvironmentReader(IReadOnlyDictionary<string, string?> variables)
{
    /// <summary>Reads the process environment.</summary>
    public static EnvironmentReader FromProcess()
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            map[(string)e.Key] = e.Value as string;
        }
        return new EnvironmentReader(map);
    }

    /// <summary>Every variable, as given.</summary>
    public IReadOnlyDictionary<string, string?> Variables => variables;

    /// <summary>The raw value, null when unset or blank.</summary>
    public string? Optional(string name) =>
        variables.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>A value that must be set.</summary>
    public string Required(string name) =>
        Optional(name) ?? throw new SettingsException($"Environment variable {name} is required but not set.");

    /// <summary>A number within a range.</summary>
    public double Number(string name, double fallback, double min, double max)
    {
        var raw = Optional(name);
        if (raw is null)
        {
            return fallback;
        }
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new SettingsException($"Environment variable {name}='{raw}' must be a number from {min} to {max}.");
        }
        return value;
    }

    /// <summary>An integer within a range.</summary>
    public int WholeNumber(string name, int fallback, int min, int max)
    {
        var raw = Optional(name);
        if (raw is null)
        {
            return fallback;
        }
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new SettingsException($"Environment variable {name}='{raw}' must be a whole number from {min} to {max}.");
        }
        return value;
    }

    /// <summary>true/false.</summary>
    public bool Flag(string name, bool fallback)
    {
        var raw = Optional(name);
        return raw?.ToUpperInvariant() switch
        {
            null => fallback,
            "TRUE" => true,
            "FALSE" => false,
            _ => throw new SettingsException($"Environment variable {name}='{raw}' must be true or false."),
        };
    }

    /// <summary>A comma-separated list (blank entries dropped).</summary>
    public IReadOnlyList<string> List(string name) =>
        Optional(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
