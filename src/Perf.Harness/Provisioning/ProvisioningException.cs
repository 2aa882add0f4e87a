namespace Perf.Harness.Provisioning;

/// <summary>Thrown when no server can be found or started, with a message that says what to do.</summary>
public sealed class ProvisioningException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public ProvisioningException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ProvisioningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public ProvisioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
