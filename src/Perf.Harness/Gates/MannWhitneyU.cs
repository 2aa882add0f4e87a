namespace Perf.Harness.Gates;

/// <summary>The Mann–Whitney U test (Wilcoxon rank-sum) on two independent samples, by the normal approximation with tie and continuity corrections.</summary>
/// <remarks>It needs no normality, which timings rarely have; the approximation is good from about 5 samples each.</remarks>
public static class MannWhitneyU
{
    private static readonly double[] ErfcCoefficients = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];

    /// <summary>The two-sided p-value that <paramref name="a"/> and <paramref name="b"/> come from the same distribution.</summary>
    public static double TwoSidedPValue(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 1;
        }

        var n1 = (double)a.Count;
        var n2 = (double)b.Count;
        var all = a.Select(v => (Value: v, First: true)).Concat(b.Select(v => (Value: v, First: false))).OrderBy(x => x.Value).ToArray();
        var ranks = new double[all.Length];
        double tieTerm = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j + 1 < all.Length && all[j + 1].Value == all[i].Value)
            {
                j++;
            }

            var rank = (i + j + 2) / 2.0;
            for (var k = i; k <= j; k++)
            {
                ranks[k] = rank;
            }

            double t = j - i + 1;
            tieTerm += (t * t * t) - t;
            i = j + 1;
        }

        var rankSumA = all.Select((x, i) => x.First ? ranks[i] : 0).Sum();
        var u = rankSumA - (n1 * (n1 + 1) / 2);
        var meanU = n1 * n2 / 2;
        var n = n1 + n2;
        var variance = n1 * n2 / 12 * ((n + 1) - (tieTerm / (n * (n - 1))));
        if (variance <= 0)
        {
            return 1; // Every value equal.
        }

        var z = Math.Max(0, Math.Abs(u - meanU) - 0.5) / Math.Sqrt(variance);
        return Math.Min(1, Erfc(z / Math.Sqrt(2)));
    }

    /// <summary>The complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).</summary>
    internal static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        double poly = 0;
        for (var i = ErfcCoefficients.Length - 1; i >= 0; i--)
        {
            poly = (poly * t) + ErfcCoefficients[i];
        }

        var r = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? r : 2 - r;
    }
}
