using ScottPlot;

namespace Perf.Harness.Reports;

/// <summary>What every report chart shares: size, palette and PNG export, so charts from all tools look alike.</summary>
public static class ChartStyle
{
    /// <summary>Chart width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Chart height in pixels.</summary>
    public const int Height = 420;

    /// <summary>The series colours.</summary>
    public static ScottPlot.Palettes.Category10 Palette { get; } = new();

    /// <summary>Adds a 2-pixel line of <paramref name="ys"/> against <paramref name="xs"/> named <paramref name="label"/> (nothing when there are no points).</summary>
    public static void AddLine(Plot plot, double[] xs, double[] ys, string label)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(xs);
        if (xs.Length == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = label;
        line.LineWidth = 2;
    }

    /// <summary>The plot as PNG bytes at the shared size.</summary>
    public static byte[] Png(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
