namespace Perf.Seed.Generation;

/// <summary>Draws from the distributions the generator needs using only exactly-rounded arithmetic.</summary>
/// <remarks>
/// No Math.Log, Exp or Pow: their last bit may differ between C runtimes, which would break identical rows on any machine.
/// </remarks>
internal static class RandomExtensions
{
    /// <summary>An approximately standard normal value (Irwin–Hall sum of six uniforms).</summary>
    public static double NextGaussian(this Random random)
    {
        var sum = 0.0;
        for (var i = 0; i < 6; i++)
        {
            sum += random.NextDouble();
        }

        return (sum - 3.0) * 1.4142135623730951;
    }

    /// <summary>A uniform value in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static double NextDouble(this Random random, double min, double max) => min + ((max - min) * random.NextDouble());

    /// <summary>Picks an index from cumulative weights (the last entry is the total).</summary>
    public static int NextWeighted(this Random random, double[] cumulative)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    /// <summary>Running totals of <paramref name="weights"/>.</summary>
    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var cumulative = new double[weights.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
            cumulative[i] = total;
        }

        return cumulative;
    }
}
