using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace Perf.Harness.Gates;

/// <summary>Perfolizer's exact Mann–Whitney U test, one-sided.</summary>
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

    /// <summary>The smallest one-sided p-value the exact test can give for these sample sizes (complete separation): 1 / C(n + m, n).</summary>
    public static double SmallestPValue(int n, int m)
    {
        var p = 1.0;
        for (var i = 1; i <= Math.Min(n, m); i++)
        {
            p *= (double)i / (Math.Max(n, m) + i);
        }

        return p;
    }
}
