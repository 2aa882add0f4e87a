namespace Perf.Load.Model;

/// <summary>One stage of an open-model load: the arrival rate moves linearly from <paramref name="StartRate"/> to <paramref name="EndRate"/>.</summary>
/// <param name="StartRate">Requests per second at the start of the stage.</param>
/// <param name="EndRate">Requests per second at the end; equal to <paramref name="StartRate"/> for a constant rate.</param>
/// <param name="Duration">How long the stage lasts.</param>
internal sealed record LoadStage(double StartRate, double EndRate, TimeSpan Duration)
{
    /// <summary>A stage at one constant rate.</summary>
    public static LoadStage Constant(double rate, TimeSpan duration) => new(rate, rate, duration);

    /// <summary>Expected number of arrivals in the stage (the integral of the rate).</summary>
    public double ExpectedArrivals => (StartRate + EndRate) / 2 * Duration.TotalSeconds;
}
