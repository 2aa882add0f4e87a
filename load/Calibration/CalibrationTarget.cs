using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Load.Reports;
using Telemetry.CommandLine;

namespace Perf.Load.Calibration;

/// <summary>Whether the median of the rounds' ratios meets a target band, judged on its order-statistic interval, not on the point median.</summary>
/// <remarks>
/// A median of 1.08 inside a ±10 % band with a 95 % interval of 0.93–1.19 has not shown the band holds: "met" needs the
/// whole interval inside the band, "NOT met" the whole interval outside it, and anything else is NOT SETTLED, as a load
/// run's threshold is (exit 110).
/// </remarks>
/// <param name="Low">The band's lower end (a ratio).</param>
/// <param name="High">The band's upper end, <see cref="double.PositiveInfinity"/> for a floor.</param>
internal sealed record CalibrationTarget(double Low, double High)
{
    /// <summary>The median of <paramref name="ratios"/> with its 95 % interval.</summary>
    public static QuantileEstimate Median(IEnumerable<double> ratios) => OrderStatistics.Estimate([.. ratios], 50);

    /// <summary>Pass when the interval lies within [<see cref="Low"/>, <see cref="High"/>], Fail when wholly outside it, otherwise NotSettled (the rounds too few to bound the median, too).</summary>
    public Verdict Judge(QuantileEstimate median)
    {
        ArgumentNullException.ThrowIfNull(median);
        return !median.IsBounded ? Verdict.NotSettled
            : median.Lower >= Low && median.Upper <= High ? Verdict.Pass
            : median.Upper < Low || median.Lower > High ? Verdict.Fail
            : Verdict.NotSettled;
    }

    /// <summary>The verdict with the interval that carries it: <c>met (95 % interval 1.01–1.07)</c>, or why there is none.</summary>
    public string Describe(QuantileEstimate median)
    {
        ArgumentNullException.ThrowIfNull(median);
        var word = Judge(median) switch
        {
            Verdict.Pass => "met",
            Verdict.Fail => "NOT met",
            _ => "not settled",
        };
        return median.IsBounded
            ? $"{word} (95 % interval {ReportFormat.Against(median.Lower!.Value, "0.00", Low)}–{ReportFormat.Against(median.Upper!.Value, "0.00", High)})"
            : string.Create(CultureInfo.InvariantCulture, $"{word} (an interval needs ≥ {median.SamplesNeeded} rounds: {median.Samples})");
    }

    /// <summary>0 when every target is met, 99 when any is shown missed, otherwise 110 (no verdict).</summary>
    public static int ExitCode(IReadOnlyCollection<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return verdicts.All(v => v == Verdict.Pass) ? ExitCodes.Success
            : verdicts.Contains(Verdict.Fail) ? ExitCodes.ThresholdsFailed
            : ExitCodes.InvalidRun;
    }
}
