namespace Perf.Analysis.Capacity;

/// <summary>Percentiles of raw samples.</summary>
public static class Percentile
{
    /// <summary>The nearest-rank percentile (the smallest sample with at least <paramref name="percentile"/> % of the samples at or below it); NaN for no samples.</summary>
    public static double NearestRank(IReadOnlyList<double> samples, double percentile)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            ValidatePercentile(percentile);
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        return sorted[Rank(percentile, sorted.Length) - 1];
    }

    /// <summary>The 1-based nearest rank of <paramref name="percentile"/> among <paramref name="count"/> samples: ⌈p/100 · count⌉, at least 1.</summary>
    /// <remarks>Computed in decimal: in doubles 99.9 / 100 · 1000 is 999.0000000000001, whose ceiling would be the 1,000th sample instead of the 999th.</remarks>
    public static long Rank(double percentile, long count)
    {
        ValidatePercentile(percentile);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return Math.Max(1, (long)decimal.Ceiling((decimal)percentile * count / 100m));
    }

    private static void ValidatePercentile(double percentile)
    {
        if (percentile is not (>= 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile from 0 to 100.");
        }
    }
}
