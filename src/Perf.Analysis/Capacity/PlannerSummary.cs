using Telemetry.Data.Schema;
using static Perf.Analysis.Capacity.ReportFormat;
using Perf.Harness.Reports;

namespace Perf.Analysis.Capacity;

/// <summary>The report's first screen for a capacity planner: per variant, rows and disk at 1, 3 and 5 years, the worst query's latency there, capacity and a verdict.</summary>
public static class PlannerSummary
{
    /// <summary>The years the first screen shows.</summary>
    public static readonly IReadOnlyList<int> Years = [1, 3, 5];

    /// <summary>The first screen's table, or null without the reader's numbers.</summary>
    public static ReportTable? Build(CapacityAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Assumptions is not { } a || analysis.Storage.Count == 0)
        {
            return null;
        }

        var rows = Years.Select(y => a.RowsOn(a.StartDate.AddYears(y))).ToList();
        var largest = analysis.Data.Measurements.Max(m => m.TradeRows);
        List<string> header = ["variant", .. Years.Select((y, i) => $"{y} y: {Rows(rows[i])} rows{(rows[i] > 4.0 * largest ? " (extrapolated)" : string.Empty)}"), "capacity", "verdict"];
        var table = new List<IReadOnlyList<string>>();
        foreach (var storage in analysis.Storage)
        {
            var cells = new List<string> { storage.Variant.ToString() };
            var worstAtEnd = (Query: (string?)null, P95: ((double Value, double Lower, double Upper)?)null);
            for (var i = 0; i < Years.Count; i++)
            {
                var worst = Worst(analysis, storage.Variant, 95, rows[i]);
                var p99 = Worst(analysis, storage.Variant, 99, rows[i]);
                cells.Add($"{Bytes(storage.BytesAt(rows[i]))}; worst p95 {Band(worst.Latency, worst.Missing)}{(worst.Query is { } q ? $" (`{q}`)" : string.Empty)}; p99 {Band(p99.Latency, p99.Missing)}");
                if (i == Years.Count - 1)
                {
                    worstAtEnd = (worst.Query, worst.Latency);
                }
            }

            var capacity = analysis.Data.For(storage.Variant).LastOrDefault(m => m.CapacityRps is not null);
            cells.Add(capacity is null ? "not measured" : capacity.CapacityRps > 0 ? $"{CapacityReportBuilder.CapacityText(capacity)} req/s at {Rows(capacity.TradeRows)}" : "0 (lowest rate failed)");
            cells.Add(Verdict(analysis, storage.Variant, worstAtEnd.Query, worstAtEnd.P95));
            table.Add(cells);
        }

        return new ReportTable(header, table);
    }

    /// <summary>The query whose projected percentile's upper end is highest at <paramref name="rows"/>, and how many queries could not be projected.</summary>
    private static (string? Query, (double Value, double Lower, double Upper)? Latency, int Missing) Worst(CapacityAnalysis analysis, SchemaVariant variant, double percentile, double rows)
    {
        var measurements = analysis.Data.For(variant);
        var projected = new List<(string Query, (double Value, double Lower, double Upper) Latency)>();
        var missing = 0;
        foreach (var growth in analysis.Growth.Where(g => g.Variant == variant))
        {
            var measured = measurements.Last(m => m.Queries.Any(q => q.Query == growth.Query)).Queries.First(q => q.Query == growth.Query);
            if (!measured.ServedByApi)
            {
                continue;
            }

            if (CapacityProjector.LatencyAt(growth, measured, percentile, rows) is { } latency)
            {
                projected.Add((growth.Query, latency));
            }
            else
            {
                missing++;
            }
        }

        var worst = projected.OrderByDescending(p => p.Latency.Upper).FirstOrDefault();
        return projected.Count == 0 ? (null, null, missing) : (worst.Query, worst.Latency, missing);
    }

    private static string Band((double Value, double Lower, double Upper)? latency, int missing) => latency is { } l
        ? $"{Ms(l.Value)} [{MsBare(l.Lower)}–{MsBare(l.Upper)}]{(missing > 0 ? $" ({missing} queries unsupported)" : string.Empty)}"
        : "not supported by the samples";

    private static string Verdict(CapacityAnalysis analysis, SchemaVariant variant, string? worstQuery, (double Value, double Lower, double Upper)? worst)
    {
        var targets = analysis.Data.Targets;
        var over = analysis.Projections.Where(p => p.Variant == variant && p.Status is HeadroomStatus.AlreadyOver or HeadroomStatus.ReachedWithinHorizon).ToList();
        if (over.Count > 0)
        {
            var first = over.OrderBy(p => p.DateAtTarget ?? DateOnly.MinValue).First();
            return first.Status == HeadroomStatus.AlreadyOver
                ? $"misses the targets: `{first.Query}` is over p{Number(first.Percentile, 0)} {Ms(first.TargetMs)} already"
                : $"misses the targets: `{first.Query}` may reach p{Number(first.Percentile, 0)} {Ms(first.TargetMs)} around {Date(first.DateAtTarget!.Value)}{(first.IsExtrapolation ? " (extrapolated)" : string.Empty)}";
        }

        // A capacity search whose lowest rate failed is direct evidence, whatever the per-query samples can support.
        if (analysis.Data.For(variant).LastOrDefault(m => m.CapacityRps is not null) is { CapacityRps: 0 } failed)
        {
            return $"misses the targets: at {Rows(failed.TradeRows)} trade rows the load runner's lowest rate already missed p95 or p99";
        }

        if (worst is not { } w)
        {
            return $"cannot tell: no p95 is supported (needs ≥ {OrderStatistics.SamplesNeeded(95)} samples per query)";
        }

        if (w.Upper >= targets.P95Ms)
        {
            return $"at risk: `{worstQuery}`'s p95 band reaches {Ms(w.Upper)} by year {Years[^1]} (target {Ms(targets.P95Ms)}){(analysis.GrowthOf(variant, worstQuery!) is { Grows: false } ? "; its growth is not bounded yet: measure ≥ 3 sizes" : string.Empty)}";
        }

        var unbounded = analysis.Projections.Count(p => p.Variant == variant && p.Status == HeadroomStatus.GrowthNotBounded);
        return unbounded > 0
            ? $"under p95 {Ms(targets.P95Ms)} through {Years[^1]} years by every band (worst upper bound {Ms(w.Upper)}, `{worstQuery}`), but {unbounded} queries' work growth is not bounded: measure ≥ 3 sizes before relying on it"
            : $"meets p95 < {Ms(targets.P95Ms)} through {Years[^1]} years: worst upper bound {Ms(w.Upper)} (`{worstQuery}`)";
    }
}
