namespace Perf.Load;

/// <summary>Load simulations, in NBomber's names: injection rates (open model, for SLO gates) and constant copies (closed model, diagnostics).</summary>
public static class Simulation
{
    /// <summary>Starts <paramref name="rate"/> invocations per second for <paramref name="during"/>, whether or not earlier ones have finished.</summary>
    public static LoadSimulation Inject(double rate, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rate, 0);
        return new LoadSimulation(rate, rate, 0, during);
    }

    /// <summary>Moves the injection rate linearly from where the previous simulation ended (0 at the start) to <paramref name="rate"/> over <paramref name="during"/>.</summary>
    public static LoadSimulation RampingInject(double rate, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        return new LoadSimulation(null, rate, 0, during);
    }

    /// <summary>Keeps <paramref name="copies"/> invocations running back to back for <paramref name="during"/> (closed model).</summary>
    /// <remarks>Diagnostics only: a closed model waits for slow responses before sending more, so its latency hides stalls (coordinated omission): a scenario with a latency threshold refuses it. Gate on an injection rate.</remarks>
    public static LoadSimulation KeepConstant(int copies, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(copies, 0);
        return new LoadSimulation(null, 0, copies, during);
    }
}
