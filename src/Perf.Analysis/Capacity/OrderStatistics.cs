namespace Perf.Analysis.Capacity;

/// <summary>Distribution-free confidence intervals for percentiles from the order statistics of exact samples.</summary>
/// <remarks>
/// Of n independent samples, the number K below the true p-quantile is Binomial(n, p), so the interval between the
/// l-th and u-th smallest samples covers it with probability P(l ≤ K ≤ u − 1). l and u are the tightest ranks leaving at
/// most α/2 on each side. When even the smallest or largest sample leaves more than α/2 (for p99, fewer than 368
/// samples at 95 %) there is no such interval: the percentile is not supported, and the maximum must not stand in for it.
/// </remarks>
public static class OrderStatistics
{
    /// <summary>The default confidence.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>The nearest-rank percentile of <paramref name="samples"/> with its interval, or "needs ≥ N samples".</summary>
    public static QuantileEstimate Estimate(IReadOnlyList<double> samples, double percentile, double confidence = DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Order().ToArray();
        return Estimate(sorted.Length, rank => sorted[rank - 1], percentile, confidence);
    }

    /// <summary>The same estimate from <paramref name="count"/> samples read in sorted order by 1-based rank, e.g. from a histogram that keeps no raw samples.</summary>
    /// <param name="count">How many samples there are.</param>
    /// <param name="valueAtRank">The r-th smallest sample, for r from 1 to <paramref name="count"/>.</param>
    /// <param name="percentile">The percentile, strictly between 0 and 100.</param>
    /// <param name="confidence">The interval's confidence.</param>
    public static QuantileEstimate Estimate(int count, Func<int, double> valueAtRank, double percentile, double confidence = DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(valueAtRank);
        Validate(percentile, confidence);
        var needed = SamplesNeeded(percentile, confidence);
        var lowerRank = count < 1 ? 0 : LowerRank(BinomialCdf(count, percentile / 100), count, (1 - confidence) / 2);
        var atLeast = lowerRank > 0 ? valueAtRank(lowerRank) : (double?)null;
        if (Ranks(count, percentile / 100, confidence) is not { } ranks)
        {
            return new QuantileEstimate(percentile, count, null, null, null, 0, needed) { AtLeast = atLeast };
        }

        var rank = (int)Percentile.Rank(percentile, count);
        return new QuantileEstimate(percentile, count, valueAtRank(rank), valueAtRank(ranks.Lower), valueAtRank(ranks.Upper), ranks.Coverage, needed) { AtLeast = atLeast };
    }

    /// <summary>
    /// The p-value of "the <paramref name="percentile"/> is at or over <paramref name="limit"/>" against its being under
    /// it (<see cref="OverPValue(long, long, double)"/> of the samples under the limit); 1 without samples.
    /// </summary>
    public static double OverPValue(IReadOnlyList<double> samples, double percentile, double limit)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return OverPValue(samples.Count, samples.Count(s => s < limit), percentile);
    }

    /// <summary>
    /// The p-value of "the <paramref name="percentile"/> is at or over a limit" when <paramref name="under"/> of
    /// <paramref name="count"/> samples lie under it: P(K ≤ under) for K ~ Binomial(n, p). The interval's lower end (or
    /// <see cref="QuantileEstimate.AtLeast"/>) reaches the limit exactly when this is at most 2.5 %, so a family of such
    /// claims can be tested together (<see cref="Holm"/>); 1 without samples.
    /// </summary>
    public static double OverPValue(long count, long under, double percentile)
    {
        Validate(percentile, DefaultConfidence);
        return count == 0 ? 1 : BinomialInterval.AtMost(under, count, percentile / 100);
    }

    /// <summary>
    /// The p-value of "the <paramref name="percentile"/> is at or under a limit" when <paramref name="atOrUnder"/> of
    /// <paramref name="count"/> samples lie at or under it: P(K ≥ atOrUnder). The interval's upper end lies at or under the
    /// limit exactly when this is at most 2.5 %; 1 without samples.
    /// </summary>
    public static double UnderPValue(long count, long atOrUnder, double percentile)
    {
        Validate(percentile, DefaultConfidence);
        return count == 0 ? 1 : BinomialInterval.AtLeast(atOrUnder, count, percentile / 100);
    }

    /// <summary>The fewest samples for which both ends of the interval exist: (1 − p)ⁿ ≤ α/2 and pⁿ ≤ α/2.</summary>
    public static int SamplesNeeded(double percentile, double confidence = DefaultConfidence)
    {
        Validate(percentile, confidence);
        var p = percentile / 100;
        var tail = Math.Log((1 - confidence) / 2);
        var n = (int)Math.Ceiling(Math.Max(tail / Math.Log(1 - p), tail / Math.Log(p)));
        // Guard the floating-point edge of the ceiling.
        while (Ranks(n, p, confidence) is null)
        {
            n++;
        }

        while (n > 1 && Ranks(n - 1, p, confidence) is not null)
        {
            n--;
        }

        return n;
    }

    /// <summary>
    /// The fewest samples whose interval has neither end at an extreme sample (the smallest or the largest). From
    /// <see cref="SamplesNeeded"/> up to this count a p99's upper end is the slowest sample, so one stray sample alone
    /// decides whether the percentile is under a limit (for p99 at 95 %: 368 samples bound it, 555 keep the bound off the maximum).
    /// </summary>
    public static int SamplesForInnerInterval(double percentile, double confidence = DefaultConfidence)
    {
        var n = SamplesNeeded(percentile, confidence);
        var p = percentile / 100;
        while (Ranks(n, p, confidence) is not { } ranks || ranks.Lower <= 1 || ranks.Upper >= n)
        {
            n++;
        }

        return n;
    }

    /// <summary>The 1-based ranks (l, u) of the interval and its exact coverage, or null when <paramref name="n"/> samples cannot bound the <paramref name="p"/>-quantile.</summary>
    internal static (int Lower, int Upper, double Coverage)? Ranks(int n, double p, double confidence)
    {
        if (n < 1)
        {
            return null;
        }

        var alphaHalf = (1 - confidence) / 2;
        var cdf = BinomialCdf(n, p);
        // u = the smallest rank with P(K ≤ u − 1) ≥ 1 − α/2.
        var lower = LowerRank(cdf, n, alphaHalf);
        var upper = 0;
        for (var u = n; u >= 1 && cdf[u - 1] >= 1 - alphaHalf; u--)
        {
            upper = u;
        }

        if (lower == 0 || upper == 0 || upper < lower)
        {
            return null;
        }

        return (lower, upper, cdf[upper - 1] - cdf[lower - 1]);
    }

    /// <summary>The largest rank l with P(K ≤ l − 1) ≤ <paramref name="alphaHalf"/>: the l-th smallest of <paramref name="n"/> samples is below the quantile with at most that chance; 0 when even the smallest is not.</summary>
    private static int LowerRank(double[] cdf, int n, double alphaHalf)
    {
        var lower = 0;
        for (var l = 1; l <= n && cdf[l - 1] <= alphaHalf; l++)
        {
            lower = l;
        }

        return lower;
    }

    /// <summary>P(K ≤ k) for k = 0..n of Binomial(n, p), summed in log space so large n does not underflow.</summary>
    internal static double[] BinomialCdf(int n, double p)
    {
        var cdf = new double[n + 1];
        var logP = Math.Log(p);
        var logQ = Math.Log(1 - p);
        double logChoose = 0;
        double sum = 0;
        for (var k = 0; k <= n; k++)
        {
            if (k > 0)
            {
                logChoose += Math.Log(n - k + 1) - Math.Log(k);
            }

            sum += Math.Exp(logChoose + (k * logP) + ((n - k) * logQ));
            cdf[k] = Math.Min(1, sum);
        }

        return cdf;
    }

    private static void Validate(double percentile, double confidence)
    {
        if (percentile is <= 0 or >= 100 || !double.IsFinite(percentile))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile strictly between 0 and 100.");
        }

        ValidateConfidence(confidence);
    }

    /// <summary>Throws unless <paramref name="confidence"/> lies strictly between 0 and 1 (the intervals of <see cref="BinomialInterval"/> share it).</summary>
    internal static void ValidateConfidence(double confidence)
    {
        if (confidence is <= 0 or >= 1 || !double.IsFinite(confidence))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence strictly between 0 and 1.");
        }
    }
}
