using Remediation.Core.Configuration;

namespace Remediation.Core.Hosting;

/// <summary>What a function's composition root gets to build its playbook and handlers from.</summary>
/// <param name="Settings">Validated shared settings.</param>
/// <param name="Environment">The environment, for function-specific variables.</param>
/// <param name="Aws">AWS clients, built once per container.</param>
/// <param name="Time">The clock.</param>
public sealed record FunctionContext(RemediationSettings Settings, EnvironmentReader Environment, AwsClientFactory Aws, TimeProvider Time)
{
    /// <summary>The account the composition acts in: the stack's own, or the member whose session <see cref="Aws"/> holds.</summary>
    public string Account { get; init; } = Settings.StackAccountId ?? "";
}
