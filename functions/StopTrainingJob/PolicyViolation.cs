namespace Remediation.StopTrainingJob;

/// <summary>One broken rule of the training policy, with the offending value.</summary>
/// <param name="Rule">The policy member ("requireKms", "maxInstanceCount").</param>
/// <param name="Field">The request field, as CloudTrail names it ("resourceConfig.instanceCount").</param>
/// <param name="Value">The value the request gave, or null when it did not set the field.</param>
/// <param name="Requirement">What the policy asks for ("at most 2", "required").</param>
public sealed record PolicyViolation(string Rule, string Field, string? Value, string Requirement)
{
    /// <summary>"maxInstanceCount: resourceConfig.instanceCount = 4 (policy: at most 2)".</summary>
    public override string ToString() =>
        Value is null ? $"{Rule}: {Field} not set (policy: {Requirement})" : $"{Rule}: {Field} = {Value} (policy: {Requirement})";
}

/// <summary>The two job kinds a CloudTrail create call can start.</summary>
public enum JobKind
{
    /// <summary>CreateTrainingJob.</summary>
    Training,
    /// <summary>CreateProcessingJob.</summary>
    Processing,
}
