namespace Perf.Bench.CiGate;

/// <summary>A gate step could not give a verdict (a build, checkout, seed or probe failed); the gate reports it as an error and fails closed.</summary>
public sealed class GateStepException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GateStepException()
    {
    }

    /// <summary>Creates the exception with its reason.</summary>
    public GateStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public GateStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
