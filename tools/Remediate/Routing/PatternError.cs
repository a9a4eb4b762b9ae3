namespace Remediation.Tool.Routing;

/// <summary>Builds the <see cref="FormatException"/> thrown for an invalid pattern.</summary>
internal static class PatternError
{
    public static FormatException At(string path, string problem) =>
        new($"Invalid event pattern at '{path}': {problem}.");
}
