using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace Perf.Analysis.Gates;

/// <summary>Exact one-sided rank tests: Perfolizer's Mann–Whitney U for independent samples, and the Wilcoxon signed-rank test for paired ones.</summary>
public static class RankTest
{
    /// <summary>The p-value of "<paramref name="x"/> tends to be greater than <paramref name="y"/>" (exact distribution, no ties correction needed for timings).</summary>
    public static double PValueGreater(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var result = MannWhitneyTest.Instance.PerformStrategy(
            new Sample([.. x]), new Sample([.. y]), AlternativeHypothesis.Greater, Threshold.Zero, MannWhitneyStrategy.ClassicExact);
        return result.PValue;
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
