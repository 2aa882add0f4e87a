using System.Globalization;

namespace Perf.Analysis.Capacity;

/// <summary>Invariant-culture formatting of report numbers: the capacity report's and every report that quotes its estimates and tests.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Rows as <c>950</c>, <c>300k</c>, <c>1.5M</c>, <c>2.1B</c>.</summary>
    public static string Rows(double rows) => Math.Abs(rows) switch
    {
        >= 1e15 => rows.ToString("0.#e+0", C),
        >= 1e12 => (rows / 1e12).ToString("0.##", C) + "T",
        >= 1e9 => (rows / 1e9).ToString("0.##", C) + "B",
        >= 1e6 => (rows / 1e6).ToString("0.##", C) + "M",
        >= 1e3 => (rows / 1e3).ToString("0.##", C) + "k",
        _ => rows.ToString("0", C),
    };

    /// <summary>Bytes in binary units.</summary>
    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        >= 1L << 40 => (bytes / (1L << 40)).ToString("0.##", C) + " TiB",
        >= 1L << 30 => (bytes / (1L << 30)).ToString("0.##", C) + " GiB",
        >= 1L << 20 => (bytes / (1L << 20)).ToString("0.#", C) + " MiB",
        >= 1L << 10 => (bytes / (1L << 10)).ToString("0.#", C) + " KiB",
        _ => bytes.ToString("0", C) + " B",
    };

    /// <summary>The most decimals <see cref="Against"/> adds to a format.</summary>
    private const int MostAddedDecimals = 4;

    /// <summary>
    /// <paramref name="value"/> in <paramref name="format"/> (digit placeholders only: <c>0</c>, <c>0.0</c>, <c>0.##</c>), with
    /// decimals added, up to four, while the rounded text would equal <paramref name="limit"/> or lie on its other side from
    /// the value: 499.6 against 500 reads <c>499.6</c>, not <c>500</c>; 1.496 against 1.5 in <c>0.00</c> reads <c>1.496</c>.
    /// </summary>
    /// <remarks>
    /// For a figure printed beside the limit it was judged against, so the line never reads as the other verdict. A value
    /// rounding clear of the limit prints as <paramref name="format"/> alone, one equal to it as the limit, and one still on
    /// it at four added decimals is rounded toward its own side there (499.99999 against 500: <c>499.9999</c>).
    /// NaN as <paramref name="limit"/> adds nothing.
    /// </remarks>
    public static string Against(double value, string format, double limit)
    {
        ArgumentNullException.ThrowIfNull(format);
        var side = value.CompareTo(limit);
        var text = value.ToString(format, C);
        for (var added = 1; added <= MostAddedDecimals && !OnItsSide(text); added++)
        {
            text = value.ToString(Longer(added), C);
        }

        if (!OnItsSide(text))
        {
            var longest = Longer(MostAddedDecimals);
            var scale = Math.Pow(10, longest.Length - longest.IndexOf('.', StringComparison.Ordinal) - 1);
            text = ((side < 0 ? Math.Floor(value * scale) : Math.Ceiling(value * scale)) / scale).ToString(longest, C);
        }

        return text;

        bool OnItsSide(string printed) => side == 0 || double.Parse(printed, NumberStyles.Float, C).CompareTo(limit) == side;

        // Fixed digits stay fixed ("0.0" → "0.00"), optional ones optional ("0.##" → "0.###").
        string Longer(int added) => format.Contains('.', StringComparison.Ordinal) ? format + new string(format[^1], added) : format + "." + new string('0', added);
    }

    /// <summary>Milliseconds with three significant digits.</summary>
    public static string Ms(double ms) => ms.ToString(MsFormat(ms), C) + " ms";

    /// <summary>Milliseconds as <see cref="Ms(double)"/> prints them, with the decimals <see cref="Against"/> adds beside <paramref name="limitMs"/>.</summary>
    public static string Ms(double ms, double limitMs) => Against(ms, MsFormat(ms), limitMs) + " ms";

    /// <summary>Milliseconds without the unit, as <see cref="Ms(double)"/> rounds them.</summary>
    public static string MsBare(double ms) => Ms(ms)[..^3];

    /// <summary>Milliseconds without the unit, as <see cref="Ms(double, double)"/> rounds them beside <paramref name="limitMs"/>.</summary>
    public static string MsBare(double ms, double limitMs) => Ms(ms, limitMs)[..^3];

    /// <summary>A ratio as <c>12×</c>, <c>3.2×</c>, <c>0.45×</c> (two decimals below 1, so a small one does not read 0.0×).</summary>
    public static string Ratio(double ratio) => ratio.ToString(RatioFormat(ratio), C) + "×";

    /// <summary>A ratio as <see cref="Ratio(double)"/> prints it, with the decimals <see cref="Against"/> adds beside <paramref name="limit"/>.</summary>
    public static string Ratio(double ratio, double limit) => Against(ratio, RatioFormat(ratio), limit) + "×";

    /// <summary>A share 0–1 as a percentage, <c>99.87 %</c>.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.##", C) + " %";

    /// <summary>A plain number with up to <paramref name="decimals"/> decimals.</summary>
    public static string Number(double value, int decimals = 1) => value.ToString(decimals <= 0 ? "0" : "0." + new string('#', decimals), C);

    /// <summary>A percentile with its 95 % interval, <c>2.31 ms [2.10–2.60]</c>; when the samples cannot bound it, its one-sided lower bound, <c>≥ 4968 ms (an interval needs ≥ 72 samples: 8)</c>, or <c>needs ≥ 368 samples (0)</c>.</summary>
    public static string Estimate(QuantileEstimate estimate) => Estimate(estimate, double.NaN);

    /// <summary>A percentile as <see cref="Estimate(QuantileEstimate)"/> prints it, each figure with the decimals <see cref="Against"/> adds beside <paramref name="limitMs"/>.</summary>
    /// <remarks>NaN as <paramref name="limitMs"/> adds none: every figure compares alike with it.</remarks>
    public static string Estimate(QuantileEstimate estimate, double limitMs)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return estimate.IsBounded
            ? Band(estimate.Value!.Value, estimate.Lower!.Value, estimate.Upper!.Value, limitMs)
            : estimate.AtLeast is { } atLeast
                ? $"≥ {Ms(atLeast, limitMs)} (an interval needs ≥ {estimate.SamplesNeeded} samples: {estimate.Samples})"
                : $"needs ≥ {estimate.SamplesNeeded} samples ({estimate.Samples})";
    }

    /// <summary>A projected value with its band, <c>138 ms [120–152]</c>.</summary>
    public static string Band(double valueMs, double lowerMs, double upperMs) => Band(valueMs, lowerMs, upperMs, double.NaN);

    /// <summary>A band as <see cref="Band(double, double, double)"/> prints it, each figure with the decimals <see cref="Against"/> adds beside <paramref name="limitMs"/>.</summary>
    public static string Band(double valueMs, double lowerMs, double upperMs, double limitMs) => $"{Ms(valueMs, limitMs)} [{MsBare(lowerMs, limitMs)}–{MsBare(upperMs, limitMs)}]";

    /// <summary>A p-value: <c>p = 0.012</c>, <c>p &lt; 0.0001</c>, or <c>no rank test (&lt; 2 rounds)</c>.</summary>
    public static string PValue(double? p) => p switch
    {
        null => "no rank test (< 2 rounds)",
        < 0.0001 => "p < 0.0001",
        _ => "p = " + p.Value.ToString(p.Value < 0.01 ? "0.0000" : "0.000", C),
    };

    /// <summary>A significance level, four significant digits.</summary>
    public static string Alpha(double alpha) => alpha.ToString("G3", C);

    /// <summary>An ISO date.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", C);

    private static string RatioFormat(double ratio) => ratio >= 10 ? "0" : ratio >= 1 ? "0.0" : "0.0#";

    /// <summary>Three significant digits from 1 ms up.</summary>
    private static string MsFormat(double ms) => ms switch
    {
        >= 100 => "0",
        >= 10 => "0.0",
        _ => "0.00",
    };
}
