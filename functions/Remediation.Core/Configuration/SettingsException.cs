namespace Remediation.Core.Configuration;

/// <summary>A configuration variable is missing or invalid; the message names it.</summary>
public sealed class SettingsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SettingsException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public SettingsException() { }

    /// <summary>Creates the exception.</summary>
    public SettingsException(string message, Exception innerException) : base(message, innerException) { }
}
