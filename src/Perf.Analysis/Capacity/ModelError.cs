using static Perf.Analysis.Capacity.ReportFormat;

namespace Perf.Analysis.Capacity;

/// <summary>
/// How far the projection method missed on this data, sized from the report's own hold-outs, so that a band beyond the
/// largest size carries the model's error and not only the samples'. Every size with two smaller ones is projected from
/// them (<see cref="HoldOutCheck"/>); each query's measured p95 over its projected p95 there, per e-fold of rows beyond
/// the largest fitted size, is one exponent; the band widens by the spread of those exponents.
/// </summary>
/// <remarks>
/// The model: beyond the largest size, time per row examined may drift as a power of the rows, as it did between the sizes
/// measured (what the buffer pool holds, plans, fixed costs), and the work fits miss as they missed. The exponents are
/// pooled over variants and queries (one query's single hold-out says little); the bounds are split-conformal: with n
/// exponents the lower is the ⌊(n+1)·0.05⌋-th smallest and the upper the ⌈(n+1)·0.95⌉-th, so a new projection at the
/// same distance lands inside them at least 90 % of the time if it misses as the checked ones did. The lower exponent is
/// never above 0 nor the upper below it: the band keeps the sampling interval.
/// </remarks>
/// <param name="LowerExponent">Measured over projected per e-fold of rows, as a power, at the lower bound (≤ 0).</param>
/// <param name="UpperExponent">The same at the upper bound (≥ 0).</param>
/// <param name="Checks">The p95 comparisons the bounds come from.</param>
/// <param name="HeldOutRows">The sizes that were held out and projected, smallest first.</param>
public sealed record ModelError(double LowerExponent, double UpperExponent, int Checks, IReadOnlyList<long> HeldOutRows)
{
    /// <summary>The share of projections the bounds are meant to cover.</summary>
    public const double Coverage = 0.9;

    /// <summary>The fewest comparisons whose upper bound is finite at <see cref="Coverage"/>: ⌈(n+1)·0.95⌉ ≤ n.</summary>
    public const int MinimumChecks = 19;

    /// <summary>The factors the band's lower and upper ends are multiplied by at <paramref name="rows"/> projected from <paramref name="fromRows"/>: 1 at or below it.</summary>
    public (double Lower, double Upper) Factors(double rows, long fromRows)
    {
        var folds = rows > fromRows && fromRows > 0 ? Math.Log(rows / fromRows) : 0;
        return (Math.Exp(LowerExponent * folds), Math.Exp(UpperExponent * folds));
    }

    /// <summary>The bounds as a reader takes them: <c>×0.62 to ×1.9 per 10× more rows</c>.</summary>
    public string PerTenfold => $"×{Number(Math.Pow(10, LowerExponent), 2)} to ×{Number(Math.Pow(10, UpperExponent), 2)} per 10× more rows";

    /// <summary>Where the bounds come from: <c>219 p95 comparisons, with 1M, 3M, 10M held out</c>.</summary>
    public string Source => $"{Checks} p95 comparisons, with {string.Join(", ", HeldOutRows.Select(r => Rows(r)))} held out";

    /// <summary>
    /// The exponents from every hold-out <paramref name="data"/> allows (each size with at least two smaller ones, projected
    /// from those), or null with fewer than <see cref="MinimumChecks"/> p95 comparisons.
    /// </summary>
    public static ModelError? Calibrate(CapacityData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sizes = data.Measurements.Select(m => m.TradeRows).Distinct().Order().ToList();
        var heldOut = new List<long>();
        var exponents = new List<double>();
        for (var k = HoldOutCheck.MinimumSizes - 1; k < sizes.Count; k++)
        {
            var upTo = data with { Measurements = [.. data.Measurements.Where(m => m.TradeRows <= sizes[k])] };
            var check = HoldOutCheck.Of(upTo, null)!;
            var folds = Math.Log((double)check.HeldOutRows / check.FittedRows);
            var found = check.Checks.Select(c => c.At(95)).OfType<PercentileCheck>().Where(p => p.ProjectedMs > 0 && p.Measured.Value > 0).Select(p => Math.Log(p.Ratio) / folds).ToList();
            if (found.Count > 0)
            {
                heldOut.Add(sizes[k]);
                exponents.AddRange(found);
            }
        }

        if (exponents.Count < MinimumChecks)
        {
            return null;
        }

        exponents.Sort();
        var n = exponents.Count;
        // Ranks in decimal: in binary floating point (n + 1) · 0.95 reads 209.00000000000003 for n = 219, one rank too far.
        var tail = (1 - (decimal)Coverage) / 2;
        var lower = exponents[Math.Max((int)decimal.Floor((n + 1) * tail), 1) - 1];
        var upper = exponents[Math.Min((int)decimal.Ceiling((n + 1) * (1 - tail)), n) - 1];
        return new ModelError(Math.Min(lower, 0), Math.Max(upper, 0), n, heldOut);
    }
}
