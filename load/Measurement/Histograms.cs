using System.Diagnostics;
using HdrHistogram;
using Perf.Analysis.Capacity;

namespace Perf.Load.Measurement;

/// <summary>How every latency histogram in the runner is shaped, and the unit conversions into it.</summary>
/// <remarks>Values are microseconds (never Stopwatch ticks) at 3 significant digits, clamped to one hour.</remarks>
internal static class Histograms
{
    /// <summary>Highest trackable value: one hour in microseconds; larger values are clamped to it.</summary>
    public const long HighestTrackableMicros = 3_600_000_000;

    /// <summary>Significant digits kept.</summary>
    public const int SignificantDigits = 3;

    /// <summary>A new empty histogram of the house shape.</summary>
    public static LongHistogram Create() => new(1, HighestTrackableMicros, SignificantDigits);

    /// <summary>Clamps a value into the trackable range (negative values become zero).</summary>
    public static long Clamp(long micros) => Math.Clamp(micros, 0, HighestTrackableMicros);

    /// <summary>Converts a Stopwatch tick difference into whole microseconds.</summary>
    public static long TicksToMicros(long stopwatchTicks) =>
        (long)(stopwatchTicks * (1_000_000.0 / Stopwatch.Frequency));

    /// <summary>Converts microseconds into Stopwatch ticks.</summary>
    public static long MicrosToTicks(double micros) => (long)(micros * (Stopwatch.Frequency / 1_000_000.0));

    /// <summary>The nearest-rank percentile in milliseconds (0 for an empty histogram): the same value <see cref="EstimateMs"/> gives as its point estimate.</summary>
    /// <remarks>Not <see cref="HistogramBase.GetValueAtPercentile"/>, which rounds p/100 · N to the nearest rank (of 660 requests its p99 is the 653rd) where the intervals use ⌈p/100 · N⌉ (the 654th).</remarks>
    public static double PercentileMs(HistogramBase histogram, double percentile)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.TotalCount == 0 ? 0 : RankReader(histogram, histogram.HighestEquivalentValue)(Percentile.Rank(percentile, histogram.TotalCount));
    }

    /// <summary>A percentile in milliseconds with its 95 % order-statistic interval, read from the histogram's recorded values by rank.</summary>
    /// <remarks>
    /// Values are the histogram's (3 significant digits): a recorded value stands for its whole bucket, so the upper end
    /// (and the point estimate) is read at the bucket's highest equivalent value and the lower ends (<see cref="QuantileEstimate.Lower"/>,
    /// <see cref="QuantileEstimate.AtLeast"/>) at its lowest, each claiming no more than was measured. Samples of a loaded
    /// server are not independent, so the interval is a guide, not a guarantee.
    /// </remarks>
    public static QuantileEstimate EstimateMs(HistogramBase histogram, double percentile)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var count = (int)Math.Min(int.MaxValue, histogram.TotalCount);
        var highest = RankReader(histogram, histogram.HighestEquivalentValue);
        var lowest = RankReader(histogram, histogram.LowestEquivalentValue);
        var fromAbove = OrderStatistics.Estimate(count, rank => highest(rank), percentile);
        var fromBelow = OrderStatistics.Estimate(count, rank => lowest(rank), percentile);
        return fromAbove with { Lower = fromBelow.Lower, AtLeast = fromBelow.AtLeast };
    }

    /// <summary>How many recorded values, each read in milliseconds as <paramref name="fromBelow"/> picks from its bucket (its lowest equivalent value, else its highest), <paramref name="meets"/> accepts.</summary>
    /// <remarks>Beside <see cref="EstimateMs"/>: a lower end is read from below and an upper end from above, so the counts behind their p-values are too.</remarks>
    public static long CountMeeting(HistogramBase histogram, Func<double, bool> meets, bool fromBelow)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentNullException.ThrowIfNull(meets);
        Func<long, long> equivalent = fromBelow ? histogram.LowestEquivalentValue : histogram.HighestEquivalentValue;
        return histogram.RecordedValues().Where(v => meets(equivalent(v.ValueIteratedTo) / 1000.0)).Sum(v => v.CountAtValueIteratedTo);
    }

    /// <summary>Reads the r-th smallest recorded value (1-based) in milliseconds, as the value <paramref name="equivalent"/> picks from its bucket.</summary>
    private static Func<long, double> RankReader(HistogramBase histogram, Func<long, long> equivalent)
    {
        var counts = new List<(long CumulativeCount, double Ms)>();
        foreach (var value in histogram.RecordedValues())
        {
            counts.Add((value.TotalCountToThisValue, equivalent(value.ValueIteratedTo) / 1000.0));
        }

        var byCount = Comparer<(long CumulativeCount, double Ms)>.Create((a, b) => a.CumulativeCount.CompareTo(b.CumulativeCount));
        return rank =>
        {
            var index = counts.BinarySearch((rank, 0), byCount);
            return counts[index >= 0 ? index : ~index].Ms;
        };
    }

    /// <summary>
    /// The p-value that the mean lies beyond <paramref name="limitMs"/> (<see cref="MeanInterval.BeyondPValue"/>): above
    /// it when <paramref name="above"/>, with each value read at its bucket's lowest, else below it, read at its highest,
    /// as <see cref="MeanEstimateMs"/> reads the interval's ends.
    /// </summary>
    public static double MeanBeyondPValue(HistogramBase histogram, double limitMs, bool above)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var (mean, standardDeviation, skewness) = Moments(histogram, above ? histogram.LowestEquivalentValue : histogram.HighestEquivalentValue);
        return MeanInterval.BeyondPValue(histogram.TotalCount, mean, standardDeviation, skewness, limitMs, above);
    }

    /// <summary>
    /// The mean in milliseconds with its 95 % interval (<see cref="MeanInterval"/>), or no interval when the histogram holds
    /// fewer values than its skewness asks for (<c>SamplesNeeded</c>).
    /// </summary>
    /// <remarks>As a percentile's, the interval's lower end is read with each value at its bucket's lowest, its upper end at its highest.</remarks>
    public static (double Mean, long Samples, long SamplesNeeded, double? Lower, double? Upper) MeanEstimateMs(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var (low, high) = (Moments(histogram, histogram.LowestEquivalentValue), Moments(histogram, histogram.HighestEquivalentValue));
        var lower = MeanInterval.Of(histogram.TotalCount, low.Mean, low.StandardDeviation, low.Skewness);
        var upper = MeanInterval.Of(histogram.TotalCount, high.Mean, high.StandardDeviation, high.Skewness);
        var mean = histogram.TotalCount == 0 ? 0 : histogram.GetMean() / 1000.0;
        return (mean, histogram.TotalCount, Math.Max(MeanInterval.SamplesNeeded(low.Skewness), MeanInterval.SamplesNeeded(high.Skewness)), lower?.Lower, upper?.Upper);
    }

    private static (double Mean, double StandardDeviation, double Skewness) Moments(HistogramBase histogram, Func<long, long> equivalent)
    {
        var n = (double)histogram.TotalCount;
        if (n == 0)
        {
            return (0, 0, 0);
        }

        var values = histogram.RecordedValues().Select(v => (Ms: equivalent(v.ValueIteratedTo) / 1000.0, Count: (double)v.CountAtValueIteratedTo)).ToList();
        var mean = values.Sum(v => v.Ms * v.Count) / n;
        var m2 = values.Sum(v => Math.Pow(v.Ms - mean, 2) * v.Count) / n;
        var m3 = values.Sum(v => Math.Pow(v.Ms - mean, 3) * v.Count) / n;
        var standardDeviation = n > 1 ? Math.Sqrt(m2 * n / (n - 1)) : 0;
        return (mean, standardDeviation, m2 > 0 ? m3 / Math.Pow(m2, 1.5) : 0);
    }

    /// <summary>Largest recorded value in milliseconds, exact to the histogram's precision.</summary>
    public static double MaxMs(HistogramBase histogram) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue() / 1000.0;
}
