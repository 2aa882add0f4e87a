namespace Telemetry.CommandLine;

/// <summary>The command line asks for something wrong or impossible; the message says what, in words for the user.</summary>
/// <remarks>Reported by <see cref="CommandLineRunner"/> as one line and <see cref="ExitCodes.UsageError"/>, never as a stack trace.</remarks>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception with the message the user sees.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the user sees, wrapping its cause.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
