using Telemetry.Data.Schema;

namespace Perf.Analysis.Capacity;

/// <summary>How one query's exact work grows with the data on one variant: rows examined (and page reads) fitted against trade rows.</summary>
/// <param name="Variant">The schema variant.</param>
/// <param name="Query">The query.</param>
/// <param name="Rows">The fits of rows examined against trade rows and the chosen one.</param>
/// <param name="Pages">The fits of logical page reads, when every size has them.</param>
/// <param name="SlopeLower">The lower end of the chosen rows fit's 95 % slope interval; null when it has none (constant, or fewer than 3 sizes).</param>
/// <param name="SlopeUpper">The upper end of that interval.</param>
public sealed record WorkGrowth(SchemaVariant Variant, string Query, GrowthSelection Rows, GrowthSelection? Pages, double? SlopeLower, double? SlopeUpper)
{
    /// <summary>True only when a growth model was chosen and its slope interval excludes zero ("no growth").</summary>
    public bool Grows => Rows.Best.Model != GrowthModel.Constant && SlopeLower > 0;

    /// <summary>Why the work does or does not count as growing, in a few words.</summary>
    public string Verdict => Rows.Best.Model == GrowthModel.Constant
        ? "constant"
        : Grows ? Rows.Best.Model.ToString().ToLowerInvariant()
        : SlopeLower is null ? $"{Rows.Best.Model.ToString().ToLowerInvariant()}? (fewer than 3 sizes: not bounded)"
        : $"{Rows.Best.Model.ToString().ToLowerInvariant()}? (slope interval includes 0)";
}
