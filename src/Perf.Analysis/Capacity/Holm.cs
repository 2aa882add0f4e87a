namespace Perf.Analysis.Capacity;

/// <summary>Holm's step-down test: which of a family of claims stand together at a family-wise α, whatever their dependence.</summary>
/// <remarks>
/// Each claim alone at α would let one of m false claims through with a chance up to m·α. Holm's test rejects the i-th
/// smallest p-value of m (from 0) while it and every smaller one are at most α / (m − i): the family-wise error stays at α,
/// and it rejects everything Bonferroni (α / m for each) does, and more.
/// </remarks>
public static class Holm
{
    /// <summary>The largest p-value the step-down rejects at family-wise <paramref name="alpha"/> (a claim stands when its p-value is at most this), or −1 when it rejects none.</summary>
    public static double Cut(IEnumerable<double> pValues, double alpha)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        var sorted = pValues.Order().ToArray();
        var cut = -1.0;
        for (var i = 0; i < sorted.Length && sorted[i] <= alpha / (sorted.Length - i); i++)
        {
            cut = sorted[i];
        }

        return cut;
    }
}
