using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Perf.Analysis.Gates;

/// <summary>One-sided rank tests: Mann–Whitney U for independent samples, and the Wilcoxon signed-rank test for paired ones.</summary>
public static class RankTest
{
    /// <summary>
    /// The most work (sizes × tail length) the exact Mann–Whitney distribution may cost, about 0.1 s: it covers every tail
    /// up to 100 rounds a side; beyond, the p-value is the normal approximation's.
    /// </summary>
    internal const double ExactBudget = 1e8;

    /// <summary>The p-value of "<paramref name="x"/> tends to be greater than <paramref name="y"/>": P(U ≥ observed U) under the null.</summary>
    /// <remarks>
    /// Exact while the distribution's cost stays within <see cref="ExactBudget"/> (every tail up to 100 rounds a side), else
    /// the normal approximation with continuity correction. Not Perfolizer 0.6.1's exact strategies: their integer counts
    /// overflow past 65 values in all (it throws) and the classic one allocates n²·U longs. The exact distribution is
    /// computed here in probabilities, which cannot overflow. A tie between the samples counts one half (mid-ranks) and the
    /// half is dropped, which rounds the p-value up.
    /// </remarks>
    public static double PValueGreater(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || y.Count == 0)
        {
            throw new ArgumentException("Mann–Whitney needs at least one value on each side.", x.Count == 0 ? nameof(x) : nameof(y));
        }

        return PValueGreater(x.Count, y.Count, (long)Math.Floor(UStatistic(x, y)));
    }

    /// <summary>P(U ≥ <paramref name="u"/>) for samples of <paramref name="n"/> and <paramref name="m"/> values without ties: exact within <see cref="ExactBudget"/>, else normal.</summary>
    internal static double PValueGreater(int n, int m, long u)
    {
        var nm = (long)n * m;
        if (u <= 0)
        {
            return 1;
        }

        if (u > nm)
        {
            return 0;
        }

        // The distribution is symmetric about nm / 2: P(U ≥ u) = P(U ≤ nm − u). Only the shorter lower tail is computed.
        var tail = Math.Min(nm - u, u - 1);
        if ((double)nm * (tail + 1) > ExactBudget)
        {
            return NormalPValueGreater(n, m, u);
        }

        return nm - u <= u - 1 ? ExactLowerTail(n, m, (int)(nm - u)) : 1 - ExactLowerTail(n, m, (int)(u - 1));
    }

    /// <summary>P(U ≥ <paramref name="u"/>) by the normal approximation with continuity correction.</summary>
    /// <remarks>
    /// U's tails are lighter than the normal's (its support is bounded; its excess kurtosis negative), so far out the
    /// approximation errs on the large, conservative side: at 100 rounds a side by a few percent at p ~ 0.001, 13 % at 0.0001.
    /// </remarks>
    internal static double NormalPValueGreater(int n, int m, long u)
    {
        var mean = (double)n * m / 2;
        var sd = Math.Sqrt((double)n * m * (n + m + 1) / 12);
        return NormalDistribution.Standard.Cdf(-(u - 0.5 - mean) / sd);
    }

    /// <summary>Exact P(U ≤ <paramref name="k"/>) for samples of <paramref name="n"/> and <paramref name="m"/> values without ties.</summary>
    /// <remarks>
    /// P(i, j, u) for i values of x and j of y: the largest of the i + j is an x with probability i / (i + j), and then it
    /// beats all j values of y, or a y, which beats none: P(i, j, u) = i/(i+j)·P(i−1, j, u−j) + j/(i+j)·P(i, j−1, u). Every
    /// term is a probability, so nothing overflows and nothing cancels. Cost n·m·(k+1).
    /// </remarks>
    internal static double ExactLowerTail(int n, int m, int k)
    {
        if (k < 0)
        {
            return 0;
        }

        var width = k + 1;
        var previous = new double[(m + 1) * width];
        var current = new double[(m + 1) * width];
        for (var j = 0; j <= m; j++)
        {
            previous[j * width] = 1;
        }

        for (var i = 1; i <= n; i++)
        {
            Array.Clear(current);
            current[0] = 1;
            for (var j = 1; j <= m; j++)
            {
                var (largestIsX, largestIsY) = ((double)i / (i + j), (double)j / (i + j));
                var (row, left) = (j * width, (j - 1) * width);
                for (var u = 0; u < width; u++)
                {
                    current[row + u] = (u >= j ? largestIsX * previous[row + u - j] : 0) + (largestIsY * current[left + u]);
                }
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(1, previous.AsSpan(m * width, width).ToArray().Sum());
    }

    /// <summary>Mann–Whitney's U of <paramref name="x"/> over <paramref name="y"/>: the pairs where x is greater, ties counting one half.</summary>
    internal static double UStatistic(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var all = x.Select(v => (Value: v, IsX: true)).Concat(y.Select(v => (Value: v, IsX: false))).OrderBy(p => p.Value).ToArray();
        double rankSum = 0;
        for (var start = 0; start < all.Length;)
        {
            var end = start;
            while (end + 1 < all.Length && all[end + 1].Value == all[start].Value)
            {
                end++;
            }

            var midRank = (start + end + 2) / 2.0;
            for (var i = start; i <= end; i++)
            {
                rankSum += all[i].IsX ? midRank : 0;
            }

            start = end + 1;
        }

        return rankSum - (x.Count * (x.Count + 1.0) / 2);
    }

    /// <summary>The smallest one-sided p-value the exact Mann–Whitney test can give for these sample sizes (complete separation): 1 / C(n + m, n).</summary>
    public static double SmallestPValue(int n, int m)
    {
        var p = 1.0;
        for (var i = 1; i <= Math.Min(n, m); i++)
        {
            p *= (double)i / (Math.Max(n, m) + i);
        }

        return p;
    }

    /// <summary>The exact one-sided Wilcoxon signed-rank p-value of "the paired <paramref name="differences"/> tend to be positive".</summary>
    /// <remarks>
    /// Written here because neither Perfolizer nor any other served library has a paired rank test. Zero differences are
    /// dropped (Wilcoxon's rule); tied magnitudes share their mean rank and the null distribution is enumerated for that tie
    /// pattern (ranks doubled to stay integers), so the p-value is exact with ties too. Under the null every sign is a fair
    /// coin: p = P(W⁺ ≥ observed W⁺) over the 2ⁿ sign assignments.
    /// </remarks>
    public static double SignedRankPValueGreater(IReadOnlyList<double> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var nonZero = differences.Where(d => d != 0).ToArray();
        if (nonZero.Length == 0)
        {
            return 1;
        }

        var doubledRanks = DoubledMidRanks(nonZero);
        var observed = nonZero.Select((d, i) => d > 0 ? doubledRanks[i] : 0).Sum();

        // ways[s]: how many sign assignments give a doubled W⁺ of s.
        var ways = new double[doubledRanks.Sum() + 1];
        ways[0] = 1;
        var reach = 0;
        foreach (var rank in doubledRanks)
        {
            for (var s = reach; s >= 0; s--)
            {
                ways[s + rank] += ways[s];
            }

            reach += rank;
        }

        return ways.Skip(observed).Sum() / Math.Pow(2, nonZero.Length);
    }

    /// <summary>The smallest one-sided p-value the exact signed-rank test can give for this many pairs (every difference positive): 2⁻ⁿ.</summary>
    public static double SmallestSignedRankPValue(int pairs) => Math.Pow(2, -pairs);

    private static int[] DoubledMidRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => Math.Abs(values[i])).ToArray();
        var ranks = new int[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && Math.Abs(values[order[end + 1]]) == Math.Abs(values[order[start]]))
            {
                end++;
            }

            // Positions start..end (0-based) share the mean of ranks start+1..end+1; doubled: start + end + 2.
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = start + end + 2;
            }

            start = end + 1;
        }

        return ranks;
    }
}
