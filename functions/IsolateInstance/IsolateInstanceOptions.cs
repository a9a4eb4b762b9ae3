using Remediation.Core.Configuration;

namespace Remediation.IsolateInstance;

/// <summary>IsolateInstance's own configuration, validated at start-up (each error names its variable).</summary>
/// <param name="ExemptInstancePatterns">EXEMPT_INSTANCE_PATTERNS: instance ids or instance ARN globs never isolated.</param>
/// <param name="StackName">STACK_NAME: this stack; instances it (or its nested stacks) made are never isolated.</param>
public sealed record IsolateInstanceOptions(IReadOnlyList<string> ExemptInstancePatterns, string? StackName)
{
    /// <summary>The variable holding the exempt instance patterns.</summary>
    public const string ExemptInstancePatternsVariable = "EXEMPT_INSTANCE_PATTERNS";

    /// <summary>Reads the variables.</summary>
    public static IsolateInstanceOptions Load(EnvironmentReader env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return new IsolateInstanceOptions(env.List(ExemptInstancePatternsVariable), env.Optional("STACK_NAME"));
    }
}
