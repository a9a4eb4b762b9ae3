using Remediation.Tool.Template;

namespace Remediation.Tool.Commands;

/// <summary><c>remediate member-template</c>: prints member-template.yaml as template.yaml implies it.</summary>
internal static class MemberTemplateCommand
{
    public static int Run(TextWriter output)
    {
        var central = SamTemplate.Load(Path.Combine(RepoPaths.Root(), "template.yaml"));
        output.Write(MemberTemplate.Render(central));
        return 0;
    }
}
