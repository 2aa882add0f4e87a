using System.Globalization;

namespace Perf.Analysis.Capacity;

/// <summary>A least-squares fit of one <see cref="GrowthModel"/> to (rows, value) points.</summary>
/// <param name="Model">The model.</param>
/// <param name="Intercept">a.</param>
/// <param name="Slope">b (zero for <see cref="GrowthModel.Constant"/>).</param>
/// <param name="ResidualSumOfSquares">The sum of squared residuals.</param>
/// <param name="RSquared">The coefficient of determination (0 for the constant model).</param>
/// <param name="AdjustedRSquared">R² adjusted for the parameter count; NaN when there are no degrees of freedom left.</param>
/// <param name="Aic">Akaike's information criterion with the residual sum floored at the measurement resolution (see <see cref="GrowthFitter"/>).</param>
/// <param name="Points">The number of points fitted.</param>
public sealed record GrowthFit(
    GrowthModel Model,
    double Intercept,
    double Slope,
    double ResidualSumOfSquares,
    double RSquared,
    double AdjustedRSquared,
    double Aic,
    int Points)
{
    /// <summary>The number of fitted parameters.</summary>
    public int Parameters => Model == GrowthModel.Constant ? 1 : 2;

    /// <summary>The fitted value at <paramref name="rows"/>.</summary>
    public double Predict(double rows) => Model switch
    {
        GrowthModel.Constant => Intercept,
        GrowthModel.Logarithmic => Intercept + (Slope * Math.Log(Math.Max(rows, 1))),
        _ => Intercept + (Slope * rows),
    };

    /// <summary>The row count at which the fitted value reaches <paramref name="value"/>: 0 when it already does at any size, null when it never does.</summary>
    public double? RowsReaching(double value)
    {
        if (Model == GrowthModel.Constant || Slope <= 0)
        {
            return Intercept >= value ? 0 : null;
        }

        var rows = Model == GrowthModel.Logarithmic
            ? Math.Exp((value - Intercept) / Slope)
            : (value - Intercept) / Slope;
        return double.IsFinite(rows) ? Math.Max(rows, 0) : null;
    }

    /// <summary>The fitted curve as text, e.g. <c>1.2 + 0.35·ln(rows)</c>.</summary>
    public string Formula => Model switch
    {
        GrowthModel.Constant => Format(Intercept),
        GrowthModel.Logarithmic => $"{Format(Intercept)} {Sign(Slope)} {Format(Math.Abs(Slope))}·ln(rows)",
        _ => $"{Format(Intercept)} {Sign(Slope)} {Format(Math.Abs(Slope) * 1_000_000)}·rows/1M",
    };

    private static string Sign(double value) => value < 0 ? "−" : "+";

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
