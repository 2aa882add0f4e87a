using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Perf.Analysis.Capacity;

/// <summary>A 95 % Student t interval for the mean of independent samples, given only when the samples are enough for it to be trusted.</summary>
/// <remarks>
/// The t interval leans on the sample mean being near normal, which a skewed distribution (latency has a long right tail)
/// reaches only slowly: it needs at least 30 samples and at least Cochran's 25·g₁² (g₁ the sample skewness; a skewness of 5
/// takes 625). Below that the mean has no interval and no claim can be made about it.
/// </remarks>
public static class MeanInterval
{
    /// <summary>The fewest samples for any mean interval, however symmetric they look: few samples hide their own tail.</summary>
    public const long MinimumSamples = 30;

    /// <summary>The fewest samples whose mean this class gives an interval for, at <paramref name="skewness"/>: at least <see cref="MinimumSamples"/> and 25·g₁² (Cochran's rule).</summary>
    public static long SamplesNeeded(double skewness) =>
        double.IsFinite(skewness) ? Math.Max(MinimumSamples, (long)Math.Ceiling(25 * skewness * skewness)) : long.MaxValue;

    /// <summary>The 95 % interval of the mean of <paramref name="samples"/> values with the given mean, standard deviation and skewness, or null when they are fewer than <see cref="SamplesNeeded"/>.</summary>
    public static (double Lower, double Upper)? Of(long samples, double mean, double standardDeviation, double skewness)
    {
        if (samples < SamplesNeeded(skewness))
        {
            return null;
        }

        var halfWidth = GrowthFitter.StudentT975((int)Math.Min(int.MaxValue, samples - 1)) * standardDeviation / Math.Sqrt(samples);
        return (mean - halfWidth, mean + halfWidth);
    }

    /// <summary>
    /// The p-value of Student's t test that the mean lies above <paramref name="limit"/> (<paramref name="above"/>) or below
    /// it: the 95 % interval's end on the near side passes the limit exactly when this is at most 2.5 %. 1 when the samples
    /// are fewer than <see cref="SamplesNeeded"/>: they show nothing about the mean.
    /// </summary>
    public static double BeyondPValue(long samples, double mean, double standardDeviation, double skewness, double limit, bool above)
    {
        if (samples < SamplesNeeded(skewness))
        {
            return 1;
        }

        var beyond = above ? mean - limit : limit - mean;
        return standardDeviation == 0 ? (beyond > 0 ? 0 : 1) : 1 - new StudentDistribution(samples - 1).Cdf(beyond * Math.Sqrt(samples) / standardDeviation);
    }
}
