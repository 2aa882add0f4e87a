using System.Globalization;

namespace Perf.Load;

/// <summary>One phase of a scenario's load; made by <see cref="Simulation"/>.</summary>
public sealed class LoadSimulation
{
    internal LoadSimulation(double? fromRate, double rate, int copies, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(during, TimeSpan.Zero);
        FromRate = fromRate;
        Rate = rate;
        Copies = copies;
        During = during;
    }

    /// <summary>How long the phase lasts.</summary>
    public TimeSpan During { get; }

    /// <summary>Open model: the rate at the start of the phase, or null to ramp from where the previous phase ended.</summary>
    internal double? FromRate { get; }

    /// <summary>Open model: invocations per second (at the end of the phase for a ramp).</summary>
    internal double Rate { get; }

    /// <summary>Closed model: invocations running at once (0 for the open model).</summary>
    internal int Copies { get; }

    /// <inheritdoc/>
    public override string ToString() => Copies > 0
        ? string.Create(CultureInfo.InvariantCulture, $"keep {Copies} copies for {During.TotalSeconds:0.#}s")
        : FromRate is null
            ? string.Create(CultureInfo.InvariantCulture, $"ramp to {Rate:0.##}/s over {During.TotalSeconds:0.#}s")
            : string.Create(CultureInfo.InvariantCulture, $"inject {Rate:0.##}/s for {During.TotalSeconds:0.#}s");
}
