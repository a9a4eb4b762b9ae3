namespace Remediation.Core.Pipeline;

/// <summary>
/// One AWS write a playbook wants, before it happens. <see cref="Kind"/> names the handler
/// ("iam:UpdateAccessKey"); <see cref="Target"/> is the exact ARN it touches;
/// <see cref="Parameters"/> are the handler's inputs (never free text from the event used as code).
/// </summary>
/// <param name="Kind">Handler key, "service:Operation" style.</param>
/// <param name="Target">The exact ARN the write touches.</param>
/// <param name="Reason">Why, in one human sentence.</param>
/// <param name="Parameters">Inputs for the handler (user name, key id, policy ARN...).</param>
public sealed record PlannedAction(string Kind, string Target, string Reason, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Builds an action from name/value pairs.</summary>
    public static PlannedAction Create(string kind, string target, string reason, params (string Name, string Value)[] parameters) =>
        new(kind, target, reason, parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));

    /// <summary>A required parameter; a missing one is a programming error in the playbook.</summary>
    public string Require(string name) =>
        Parameters.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Action {Kind} on {Target} lacks parameter '{name}'.");

    /// <summary>An optional parameter.</summary>
    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Identity of the write, for carrying over results of an earlier attempt.</summary>
    public string Identity => Kind + "|" + Target + "|" + ParameterText;

    /// <summary>
    /// The write by kind and parameters, without its target: an action the playbook anticipated from the event alone
    /// (whose target ARN lacks the IAM path the plan resolves later) is the same write as the planned one.
    /// </summary>
    public string Write => Kind + "|" + ParameterText;

    private string ParameterText => string.Join(",", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
}
