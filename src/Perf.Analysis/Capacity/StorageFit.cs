using Telemetry.Data.Schema;

namespace Perf.Analysis.Capacity;

/// <summary>Bytes on disk as a linear function of trade rows for one variant: <c>fixed + perRow·rows</c>.</summary>
/// <param name="Variant">The schema variant.</param>
/// <param name="FixedBytes">The intercept: empty pages, empty partitions, the small tables.</param>
/// <param name="DataBytesPerRow">Marginal data bytes per trade row.</param>
/// <param name="IndexBytesPerRow">Marginal secondary index bytes per trade row.</param>
/// <remarks>With one size measured there is no slope to fit; the bytes per row are then the ratio at that size and the fixed part 0.</remarks>
public sealed record StorageFit(SchemaVariant Variant, double FixedBytes, double DataBytesPerRow, double IndexBytesPerRow)
{
    /// <summary>Marginal bytes (data + index) per trade row.</summary>
    public double BytesPerRow => DataBytesPerRow + IndexBytesPerRow;

    /// <summary>Expected bytes at <paramref name="rows"/> trade rows (never negative).</summary>
    public double BytesAt(double rows) => Math.Max(0, FixedBytes + (BytesPerRow * rows));

    /// <summary>Fits the sizes of one variant's measurements.</summary>
    public static StorageFit From(SchemaVariant variant, IReadOnlyList<VariantMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var points = measurements.Where(m => m.Variant == variant && m.TradeRows > 0).ToList();
        if (points.Count == 0)
        {
            throw new ArgumentException($"No measurement of {variant} with rows.", nameof(measurements));
        }

        if (points.Select(p => p.TradeRows).Distinct().Count() < 2)
        {
            var largest = points.MaxBy(p => p.TradeRows)!;
            return new StorageFit(variant, 0, (double)largest.DataBytes / largest.TradeRows, (double)largest.IndexBytes / largest.TradeRows);
        }

        var data = GrowthFitter.LeastSquares([.. points.Select(p => ((double)p.TradeRows, (double)p.DataBytes))], static x => x);
        var index = GrowthFitter.LeastSquares([.. points.Select(p => ((double)p.TradeRows, (double)p.IndexBytes))], static x => x);
        return new StorageFit(variant, data.Intercept + index.Intercept, data.Slope, index.Slope);
    }
}
