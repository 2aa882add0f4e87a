namespace Perf.Load;

/// <summary>The run was configured wrongly (unknown name, bad number, malformed threshold, unreachable target).</summary>
/// <remarks>Reported as one clear line and exit code <see cref="Cli.ExitCodes.BadConfiguration"/>, never as a stack trace.</remarks>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
