using System.Globalization;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Perf.Analysis.Capacity;

/// <summary>Fits constant, logarithmic and linear growth to latency-vs-rows points by least squares and picks one.</summary>
/// <remarks>
/// The criterion is the lowest AIC, <c>n·ln(RSS/n) + 2k</c>. RSS is floored at the measurement resolution,
/// <c>n·max(0.02 ms, 1 % of the mean)²</c>, so that two parameters through three points do not look infinitely good.
/// Sanity rules: a growth model with a slope ≤ 0 is no candidate (latency does not shrink as tables grow); a growth
/// model must beat the constant by at least 2 AIC units (else the data shows no growth); when logarithmic and linear
/// are within 2 units of each other the linear one is chosen, because it projects more conservatively.
/// </remarks>
public static class GrowthFitter
{
    /// <summary>The absolute resolution below which residuals are noise, in the value's unit (milliseconds).</summary>
    public const double AbsoluteResolution = 0.02;

    /// <summary>The relative resolution below which residuals are noise.</summary>
    public const double RelativeResolution = 0.01;

    /// <summary>AIC units a more complex model must win by.</summary>
    public const double AicMargin = 2;

    /// <summary>Fits every model to <paramref name="points"/> (rows &gt; 0) and selects the best.</summary>
    public static GrowthSelection Fit(IReadOnlyList<(double Rows, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("At least one point is needed.", nameof(points));
        }

        if (points.Any(p => p.Rows <= 0 || !double.IsFinite(p.Rows) || !double.IsFinite(p.Value)))
        {
            throw new ArgumentException("Rows must be positive and values finite.", nameof(points));
        }

        var n = points.Count;
        var mean = points.Average(p => p.Value);
        var resolution = Math.Max(AbsoluteResolution, RelativeResolution * Math.Abs(mean));
        var rssFloor = n * resolution * resolution;
        var totalSumOfSquares = points.Sum(p => (p.Value - mean) * (p.Value - mean));

        var constant = Build(GrowthModel.Constant, mean, 0, points, totalSumOfSquares, rssFloor);
        var candidates = new List<GrowthFit> { constant };
        var distinctRows = points.Select(p => p.Rows).Distinct().Count();
        if (distinctRows >= 2)
        {
            foreach (var model in new[] { GrowthModel.Logarithmic, GrowthModel.Linear })
            {
                var (intercept, slope) = LeastSquares(points, model == GrowthModel.Logarithmic ? Math.Log : static x => x);
                candidates.Add(Build(model, intercept, slope, points, totalSumOfSquares, rssFloor));
            }
        }

        var c = CultureInfo.InvariantCulture;
        var growing = candidates.Where(f => f.Model != GrowthModel.Constant && f.Slope > 0).OrderBy(f => f.Aic).ToList();
        if (growing.Count == 0)
        {
            return new GrowthSelection(constant, candidates, distinctRows < 2
                ? "one size measured: no growth can be fitted"
                : "no growth model has a positive slope");
        }

        var best = growing[0];
        if (constant.Aic - best.Aic < AicMargin)
        {
            return new GrowthSelection(constant, candidates, constant.Aic <= best.Aic
                ? string.Create(c, $"no growth model beats constant (AIC {constant.Aic:F1}; best growth {Name(best.Model)} {best.Aic:F1})")
                : string.Create(c, $"{Name(best.Model)} beats constant by only {constant.Aic - best.Aic:F1} AIC units (< {AicMargin}): no evidence of growth"));
        }

        var linear = growing.FirstOrDefault(f => f.Model == GrowthModel.Linear);
        if (best.Model == GrowthModel.Logarithmic && linear is not null && linear.Aic - best.Aic < AicMargin)
        {
            return new GrowthSelection(linear, candidates, string.Create(c, $"logarithmic and linear are within {linear.Aic - best.Aic:F1} AIC units: linear, the conservative projection"));
        }

        return new GrowthSelection(best, candidates, string.Create(c, $"lowest AIC ({best.Aic:F1}; constant {constant.Aic:F1})"));
    }

    /// <summary>The 95 % confidence interval of a growth fit's slope (Student t on n − 2 degrees of freedom); null for the constant model or fewer than 3 sizes.</summary>
    public static (double Lower, double Upper)? SlopeInterval(IReadOnlyList<(double Rows, double Value)> points, GrowthFit fit)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(fit);
        var n = points.Count;
        if (fit.Model == GrowthModel.Constant || n < 3 || points.Select(p => p.Rows).Distinct().Count() < 3)
        {
            return null;
        }

        var xs = points.Select(p => fit.Model == GrowthModel.Logarithmic ? Math.Log(p.Rows) : p.Rows).ToArray();
        var meanX = xs.Average();
        var sxx = xs.Sum(x => (x - meanX) * (x - meanX));
        var rss = points.Sum(p => Math.Pow(p.Value - fit.Predict(p.Rows), 2));
        var halfWidth = StudentT975(n - 2) * Math.Sqrt(rss / (n - 2) / sxx);
        return (fit.Slope - halfWidth, fit.Slope + halfWidth);
    }

    /// <summary>The 97.5 % quantile of Student's t (two-sided 95 %) for <paramref name="degreesOfFreedom"/>, exact (Perfolizer's).</summary>
    internal static double StudentT975(int degreesOfFreedom) =>
        degreesOfFreedom <= 0 ? double.PositiveInfinity : new StudentDistribution(degreesOfFreedom).Quantile(0.975);

    /// <summary>Ordinary least squares of <c>y = a + b·f(x)</c>.</summary>
    internal static (double Intercept, double Slope) LeastSquares(IReadOnlyList<(double Rows, double Value)> points, Func<double, double> transform)
    {
        var xs = points.Select(p => transform(p.Rows)).ToArray();
        var meanX = xs.Average();
        var meanY = points.Average(p => p.Value);
        double sxy = 0, sxx = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            sxy += (xs[i] - meanX) * (points[i].Value - meanY);
            sxx += (xs[i] - meanX) * (xs[i] - meanX);
        }

        var slope = sxx == 0 ? 0 : sxy / sxx;
        return (meanY - (slope * meanX), slope);
    }

    private static GrowthFit Build(GrowthModel model, double intercept, double slope, IReadOnlyList<(double Rows, double Value)> points, double totalSumOfSquares, double rssFloor)
    {
        var provisional = new GrowthFit(model, intercept, slope, 0, 0, 0, 0, points.Count);
        var rss = points.Sum(p => Math.Pow(p.Value - provisional.Predict(p.Rows), 2));
        var n = points.Count;
        var k = provisional.Parameters;
        // R² is 0 for the constant by definition and undefined for a growth model over perfectly flat data.
        var rSquared = model == GrowthModel.Constant ? 0 : totalSumOfSquares == 0 ? double.NaN : 1 - (rss / totalSumOfSquares);
        var adjusted = n - k > 0 ? 1 - ((1 - rSquared) * (n - 1) / (n - k)) : double.NaN;
        var aic = (n * Math.Log(Math.Max(rss, rssFloor) / n)) + (2 * k);
        return provisional with { ResidualSumOfSquares = rss, RSquared = rSquared, AdjustedRSquared = adjusted, Aic = aic };
    }

    private static string Name(GrowthModel model) => model.ToString().ToLowerInvariant();
}
