namespace Perf.Seed;

/// <summary>Seeding found the data in a state it cannot account for (a count or id range that does not match the plan).</summary>
public sealed class SeedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SeedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SeedException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public SeedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
