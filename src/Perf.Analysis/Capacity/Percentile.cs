namespace Perf.Analysis.Capacity;

/// <summary>Percentiles of raw samples.</summary>
public static class Percentile
{
    /// <summary>The nearest-rank percentile (the smallest sample with at least <paramref name="percentile"/> % of the samples at or below it); NaN for no samples.</summary>
    public static double NearestRank(IReadOnlyList<double> samples, double percentile)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
