using static Perf.Harness.Reports.ReportFormat;

namespace Perf.Harness.Reports;

/// <summary>Lays out a <see cref="CapacityAnalysis"/> as a <see cref="ReportDocument"/> with its charts.</summary>
public static class CapacityReportBuilder
{
    /// <summary>The report's title.</summary>
    public const string Title = "Capacity planning report";

    /// <summary>Builds the document; charts are drawn here.</summary>
    public static ReportDocument Build(CapacityAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var data = analysis.Data;
        var sizes = data.Measurements.Select(m => m.TradeRows).Distinct().Order().Select(r => Rows(r));
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph($"Variants {string.Join(", ", data.Variants)} over identical data at {string.Join(", ", sizes)} trade rows; {data.QueryNames.Count} queries; targets p95 < {Ms(data.Targets.P95Ms)}, p99 < {Ms(data.Targets.P99Ms)}. Every statement below is computed from these measurements."),
            new ReportHeading(1, "Recommendations"),
            new ReportList([.. analysis.Recommendations.Select(r => $"{r.Text} (rule `{r.Rule}`)")]),
        };

        blocks.Add(new ReportHeading(1, "Query latency and plans"));
        blocks.Add(new ReportTable(
            ["query", "variant", "trade rows", "p50", "p95", "p99", "rows examined", "indexes", "partitions"],
            [.. from query in data.QueryNames
                from m in data.Measurements.OrderBy(m => m.Variant).ThenBy(m => m.TradeRows)
                let q = m.Queries.FirstOrDefault(x => x.Query == query)
                where q is not null
                select (IReadOnlyList<string>)[$"`{query}`", m.Variant.ToString(), Rows(m.TradeRows), Ms(q.P50Ms), Ms(q.P95Ms), Ms(q.P99Ms), Rows(q.RowsExamined), q.IndexesUsed.Count == 0 ? "none (scan)" : string.Join(", ", q.IndexesUsed.Select(i => $"`{i}`")), q.PartitionsScanned?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"]]));

        blocks.Add(new ReportHeading(1, "Growth of p99 with rows"));
        blocks.Add(new ReportParagraph($"Per query and variant, constant, logarithmic and linear models of p99 (ms) against trade rows are fitted by least squares; the lowest AIC wins, with the residual sum floored at max({Number(GrowthFitter.AbsoluteResolution, 2)} ms, {Number(GrowthFitter.RelativeResolution * 100, 0)} % of the mean) per point, growth only when the slope is positive and it beats the constant by ≥ {Number(GrowthFitter.AicMargin, 0)} AIC units, and linear over logarithmic when they are within {Number(GrowthFitter.AicMargin, 0)} units (the conservative projection)."));
        blocks.Add(new ReportTable(
            ["query", "variant", "model", "fitted p99 (ms)", "adj. R² log / linear", "why"],
            [.. analysis.Growth.OrderBy(g => g.Query, StringComparer.Ordinal).ThenBy(g => g.Variant).Select(g => (IReadOnlyList<string>)[
                $"`{g.Query}`", g.Variant.ToString(), g.P99.Best.Model.ToString().ToLowerInvariant(), g.P99.Best.Formula,
                $"{AdjR2(g.P99, GrowthModel.Logarithmic)} / {AdjR2(g.P99, GrowthModel.Linear)}", g.P99.Reason])]));
        foreach (var query in data.QueryNames)
        {
            blocks.Add(new ReportImage($"latency-{Slug(query)}.png", $"p99 of {query} against trade rows per variant, with fitted growth", CapacityCharts.LatencyChart(data, query, analysis.Growth)));
        }

        blocks.Add(new ReportHeading(1, "Storage and seeding"));
        blocks.Add(new ReportTable(
            ["variant", "trade rows", "data", "indexes", "total", "bytes/row", "seeding", "rows/s seeded"],
            [.. data.Measurements.OrderBy(m => m.Variant).ThenBy(m => m.TradeRows).Select(m => (IReadOnlyList<string>)[
                m.Variant.ToString(), Rows(m.TradeRows), Bytes(m.DataBytes), Bytes(m.IndexBytes), Bytes(m.TotalBytes),
                m.TradeRows > 0 ? Number((double)m.TotalBytes / m.TradeRows, 0) : "–", $"{Number(m.SeedSeconds)} s",
                m.SeedSeconds > 0 ? Number(m.TradeRows / m.SeedSeconds, 0) : "–"])]));
        blocks.Add(new ReportParagraph("Marginal bytes per trade row: the least-squares slope of bytes against trade rows over the measured sizes (the intercept is the fixed cost of empty pages and partitions). Bytes are all telemetry tables of the variant (trades, metrics, health), which grow with the trades at the seeded mix."));
        blocks.Add(new ReportTable(
            ["variant", "data B/row", "index B/row", "total B/row", "fixed"],
            [.. analysis.Storage.Select(s => (IReadOnlyList<string>)[s.Variant.ToString(), Number(s.DataBytesPerRow, 0), Number(s.IndexBytesPerRow, 0), Number(s.BytesPerRow, 0), Bytes(s.FixedBytes)])]));
        var largestRows = data.Measurements.Select(m => m.TradeRows).DefaultIfEmpty().Max();
        blocks.Add(new ReportParagraph($"Indexes at {Rows(largestRows)} trade rows and the measured queries whose plans used them:"));
        blocks.Add(new ReportTable(
            ["variant", "table", "index", "size", "used by"],
            [.. data.Measurements.Where(m => m.TradeRows == largestRows).OrderBy(m => m.Variant).SelectMany(m => m.Indexes.Select(i => (IReadOnlyList<string>)[
                m.Variant.ToString(), $"`{i.Table}`", $"`{i.Index}`", Bytes(i.Bytes),
                string.Join(", ", data.For(m.Variant).SelectMany(x => x.Queries).Where(q => q.IndexesUsed.Contains(i.Index, StringComparer.OrdinalIgnoreCase)).Select(q => $"`{q.Query}`").Distinct(StringComparer.Ordinal)) is { Length: > 0 } users ? users : "–"]))]));
        if (analysis.Storage.Count > 0)
        {
            blocks.Add(new ReportImage("bytes-per-row.png", "marginal data and index bytes per trade row per variant", CapacityCharts.BytesPerRowChart(analysis.Storage)));
        }

        blocks.Add(new ReportHeading(1, "Capacity"));
        if (CapacityCharts.CapacityChart(data) is { } capacityChart)
        {
            blocks.Add(new ReportParagraph("The highest request rate at which the API met both latency targets, found by the load runner's capacity search."));
            blocks.Add(new ReportTable(
                ["variant", "trade rows", "capacity (req/s)"],
                [.. data.Measurements.Where(m => m.CapacityRps is not null).OrderBy(m => m.Variant).ThenBy(m => m.TradeRows).Select(m => (IReadOnlyList<string>)[
                    m.Variant.ToString(), Rows(m.TradeRows), m.CapacityRps > 0 ? CapacityText(m) : "none: the search's lowest rate already failed"])]));
            blocks.Add(new ReportImage("capacity.png", "capacity per variant against trade rows", capacityChart));
        }
        else
        {
            blocks.Add(new ReportParagraph("Capacity was not measured in this run."));
        }

        if (analysis.Assumptions is { } a)
        {
            blocks.Add(new ReportHeading(1, "Projection for your numbers"));
            blocks.Add(new ReportParagraph($"{a.Profiles} profiles × {Number(a.TradesPerDayPerProfile)} trades per profile per day = {Rows(a.RowsPerDay)} trade rows per day from {Date(a.StartDate)} ({Rows(a.StartRows)} rows then), over {Number(a.Years)} years."));
            var variants = analysis.Storage.Select(s => s.Variant).ToList();
            blocks.Add(new ReportTable(
                ["date", "trade rows", .. variants.Select(v => $"{v} disk")],
                [.. analysis.StorageProjection.Select(p => (IReadOnlyList<string>)[Date(p.Date), Rows(p.Rows), .. variants.Select(v => Bytes(p.BytesByVariant[v]))])]));
            blocks.Add(new ReportTable(
                ["query", "variant", "fit", $"p99 at {Date(a.EndDate)}", $"reaches {Ms(data.Targets.P99Ms)} at", "on"],
                [.. analysis.Headroom.OrderBy(h => h.Query, StringComparer.Ordinal).ThenBy(h => h.Variant).Select(h => (IReadOnlyList<string>)[
                    $"`{h.Query}`", h.Variant.ToString(), h.Fit.Model.ToString().ToLowerInvariant(), Ms(h.P99AtHorizonMs),
                    h.RowsAtTarget is { } r ? Rows(r) + " rows" : "never (no growth)",
                    h.Status switch
                    {
                        HeadroomStatus.AlreadyOver => "already over",
                        HeadroomStatus.ReachedWithinHorizon => Date(h.DateAtTarget!.Value),
                        HeadroomStatus.BeyondHorizon => h.DateAtTarget is { } d ? $"{Date(d)} (after the horizon)" : "after the horizon",
                        _ => "–",
                    }])]));
            blocks.Add(new ReportParagraph("Fits extrapolate beyond the largest measured size; treat dates far beyond it as an order of magnitude, and re-measure at a size near the projected one before relying on it."));
        }

        return new ReportDocument(Title, blocks);
    }

    /// <summary>A file-name-safe form of a query name.</summary>
    /// <summary>The capacity, "≥ N (every step passed)" when the search never failed.</summary>
    internal static string CapacityText(VariantMeasurement measurement) =>
        measurement.CapacityIsLowerBound ? $"≥ {Number(measurement.CapacityRps!.Value, 0)} (every step passed; the search's ceiling)" : Number(measurement.CapacityRps!.Value, 0);

    internal static string Slug(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);

    private static string AdjR2(GrowthSelection selection, GrowthModel model) =>
        selection.Candidates.FirstOrDefault(c => c.Model == model) is { } fit && double.IsFinite(fit.AdjustedRSquared) ? Number(fit.AdjustedRSquared, 3) : "–";
}
