namespace Remediation.Tool;

/// <summary>Finds the repository (the folder holding Remediation.sln) from the working directory or the tool's own folder.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Remediation.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new UsageException("cannot find the repository (a folder with Remediation.sln) above the working directory");
    }
}

/// <summary>Bad usage or bad input: exit code 2 with this message.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }

    public UsageException() { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
