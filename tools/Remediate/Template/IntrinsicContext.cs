namespace Remediation.Tool.Template;

/// <summary>
/// How intrinsic functions resolve when the template is read outside CloudFormation:
/// parameters take their defaults (or overrides), resources take the physical ids of the local stack.
/// </summary>
internal sealed record IntrinsicContext(
    string AccountId,
    string Region,
    string StackName,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> ResourceRefs,
    IReadOnlyDictionary<string, string> ResourceAttributes)
{
    public static string Partition => "aws";

    public string? Pseudo(string name) => name switch
    {
        "AWS::AccountId" => AccountId,
        "AWS::Region" => Region,
        "AWS::StackName" => StackName,
        "AWS::Partition" => Partition,
        "AWS::URLSuffix" => "amazonaws.com",
        "AWS::NoValue" => null,
        _ => null,
    };

    /// <summary>!Ref: a parameter, a pseudo parameter or a resource.</summary>
    public string Ref(string name) =>
        Parameters.TryGetValue(name, out var p) ? p
        : Pseudo(name) is { } pseudo ? pseudo
        : ResourceRefs.TryGetValue(name, out var r) ? r
        : throw new TemplateException($"!Ref {name}: no such parameter or resource in the local stack");

    /// <summary>!GetAtt Resource.Attribute.</summary>
    public string GetAtt(string resourceAndAttribute) =>
        ResourceAttributes.TryGetValue(resourceAndAttribute, out var v) ? v
        : throw new TemplateException($"!GetAtt {resourceAndAttribute}: not available in the local stack");
}

/// <summary>The template cannot be read or resolved; the message says where.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string message) : base(message) { }

    public TemplateException() { }

    public TemplateException(string message, Exception innerException) : base(message, innerException) { }
}
