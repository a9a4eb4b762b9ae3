namespace Remediation.Tests.Routing.Differential;

/// <summary>What a generated field holds, which decides the operators the generator tries on it.</summary>
internal enum FieldKind
{
    Text,
    Number,
    Boolean,
    TextList,
    NumberList,
    IpAddress,
    NullableText,
}

/// <summary>A field of the generated events: its path from the root and its kind.</summary>
internal sealed record CorpusField(string[] Path, FieldKind Kind)
{
    public static readonly IReadOnlyList<CorpusField> All =
    [
        new(["source"], FieldKind.Text),
        new(["detail-type"], FieldKind.Text),
        new(["detail", "state"], FieldKind.Text),
        new(["detail", "count"], FieldKind.Number),
        new(["detail", "score"], FieldKind.Number),
        new(["detail", "sample"], FieldKind.Boolean),
        new(["detail", "tags"], FieldKind.TextList),
        new(["detail", "ports"], FieldKind.NumberList),
        new(["detail", "sourceIp"], FieldKind.IpAddress),
        new(["detail", "note"], FieldKind.NullableText),
        new(["detail", "resource", "type"], FieldKind.Text),
        new(["detail", "resource", "id"], FieldKind.Text),
    ];

    public override string ToString() => string.Join('.', Path);
}
