namespace Telemetry.Data.Writes;

/// <summary>A bulk write was rolled back because the server warned about a row or the row count did not match.</summary>
public sealed class BulkWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BulkWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BulkWriteException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public BulkWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
