namespace Telemetry.Api.Http;

/// <summary>The database's concurrency limit and queue were full: the request is shed with 503 and <c>Retry-After</c>.</summary>
public sealed class DatabaseBusyException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public DatabaseBusyException()
        : base("The database's concurrency limit and queue are full.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public DatabaseBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public DatabaseBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
