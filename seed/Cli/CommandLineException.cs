namespace Perf.Seed.Cli;

/// <summary>The command line is wrong; the message says how, in words for the user.</summary>
public sealed class CommandLineException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandLineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandLineException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
